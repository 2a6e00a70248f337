package dev.socketeer.server.claims;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored claim, exactly as the REST API returns it and as {@code newClaim} carries it. Immutable.
 *
 * @param amount    exact money, positive, two decimals at most
 * @param currency  ISO 4217 code, upper case
 * @param createdBy username of the authenticated creator
 */
@Table("claim")
public record Claim(@Id Long id, String title, String description, BigDecimal amount, String currency,
                    String createdBy, Instant createdAt) {}
