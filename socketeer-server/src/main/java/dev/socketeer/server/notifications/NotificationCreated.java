package dev.socketeer.server.notifications;

/** Published inside the transaction that stored a notification; delivered (socket, SSE) after commit. */
public record NotificationCreated(Notification notification) {}
