package dev.socketeer.server.chat;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored chat message: the ack of {@code message:send}, the payload of {@code message:new} and an item of
 * the history are this same JSON, {@code {id, conversationId, senderId, content, type, createdAt}}. A
 * conversation's messages are ordered by {@code id}. Immutable.
 *
 * @param senderId  the sender's user id, from the token
 * @param createdAt ISO-8601 UTC, at the database's precision (microseconds)
 */
@Table("chat_message")
record ChatMessage(@Id Long id, long conversationId, long senderId, String content, MessageType type,
                   Instant createdAt) {}
