/**
 * Chat (seed 002): conversations with participants (optionally of a project, then of its members), persisted
 * messages, REST {@code /api/v1/conversations} with the history ({@code ConversationsController},
 * {@code ConversationService}, {@code ChatSecurity}) and the chat events of the shared namespace {@code /}
 * ({@code ChatGateway}: {@code join:conversation}, {@code leave:conversation}, {@code message:send},
 * {@code message:new}, {@code notification:new}).
 *
 * <p>Order: per conversation, a send's insert, commit and emit run one at a time ({@code MessageService},
 * {@code ConversationLocks}, plus a row lock), so every member receives a conversation's messages in the
 * order of the stored history.
 *
 * <p>Threading: controllers return Reactor types and run JDBC through {@code Blocking}; gateway handlers run on
 * the handler executor and block on JDBC (keeping each socket's events in order); after-commit emits run on
 * the committing thread.
 */
package dev.socketeer.server.chat;
