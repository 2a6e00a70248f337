package dev.socketeer.server.notifications;

/**
 * Published inside a transaction that changed a user's unread count (a new notification, one or all read);
 * after commit, listeners read the count afresh and send it to every device of the user.
 */
public record UnreadCountChanged(long userId) {}
