package dev.socketeer.server.projects;

/**
 * Published inside the transaction that removed {@code userId} from project {@code projectId} (also when a
 * member leaves). Listeners that keep data about project members (the chat's project conversations) update it
 * in the same transaction; after commit the user's sockets leave the project's room.
 */
public record MemberRemoved(long projectId, long userId) {}
