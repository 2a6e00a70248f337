/**
 * Notifications (seed 003): stored per user ({@code NotificationService}, the facade other features call),
 * delivered after commit to every device of the user on namespace {@code /notifications}
 * ({@code NotificationsGateway}) and over SSE ({@code SseStreams}, {@code LiveFeeds}), with the REST API
 * {@code /api/v1/notifications} ({@code NotificationsController}) and its security ({@code NotificationsSecurity}).
 *
 * <p>Threading: controllers return Reactor types and run JDBC through {@code Blocking}; gateway handlers run
 * on the Socket.IO handler executor; after-commit listeners run on the thread that committed and never wait
 * for a client (socket emits and SSE buffers do not block).
 */
package dev.socketeer.server.notifications;
