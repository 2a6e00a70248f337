package dev.socketeer.server.notifications;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored notification, as the REST API returns it and as the {@code notification} event carries it.
 * Immutable.
 *
 * @param userId    the id of the user it is for
 * @param data      free JSON (an object, as text; written into the JSON as is), or {@code null}
 * @param read      whether the user has read it
 * @param readAt    when it was marked read, or {@code null}
 */
@Table("notification")
public record Notification(@Id Long id, long userId, NotificationType type, String title, String message,
                           @JsonRawValue String data, @Column("is_read") boolean read, Instant createdAt,
                           Instant readAt) {}
