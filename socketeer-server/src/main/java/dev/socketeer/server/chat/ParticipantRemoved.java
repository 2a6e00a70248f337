package dev.socketeer.server.chat;

import java.util.List;

/** Published inside the transaction that removed {@code userId} from these conversations; after commit its sockets leave their rooms. */
record ParticipantRemoved(List<Long> conversationIds, long userId) {}
