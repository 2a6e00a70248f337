package dev.socketeer.server.chat;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored conversation (row of {@code conversation}); its participants are table
 * {@code conversation_participant}. Immutable.
 *
 * @param projectId the project it belongs to, or {@code null}; then every participant is a member of it
 */
@Table("conversation")
record Conversation(@Id Long id, Long projectId, long createdBy, Instant createdAt) {}
