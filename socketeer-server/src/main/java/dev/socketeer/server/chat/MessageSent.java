package dev.socketeer.server.chat;

import dev.socketeer.server.notifications.Notification;
import java.util.List;

/**
 * Published inside the transaction that stored a message; after commit {@link ChatGateway} emits
 * {@code message:new} (the stored message) to the conversation's room and {@code notification:new} (each
 * stored notification) to the user room of each participant who was not in the conversation's room.
 */
record MessageSent(ChatMessage message, List<Notification> notifications) {}
