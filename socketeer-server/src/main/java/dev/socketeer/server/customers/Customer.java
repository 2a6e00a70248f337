package dev.socketeer.server.customers;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored customer, exactly as the REST API returns it. Immutable.
 *
 * @param phone     null when the customer has none
 * @param updatedAt the last change (equal to {@code createdAt} before any)
 */
@Table("customer")
public record Customer(@Id Long id, String name, String email, String phone, Instant createdAt, Instant updatedAt) {}
