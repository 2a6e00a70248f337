package dev.socketeer.server.chat;

import java.util.List;

/**
 * One page of a conversation's history, oldest first: {@code items}, and {@code nextCursor}, the id to pass as
 * {@code after} for the next page, or {@code null} when this page reaches the newest message. Immutable.
 */
record HistoryPage(List<ChatMessage> items, Long nextCursor) {}
