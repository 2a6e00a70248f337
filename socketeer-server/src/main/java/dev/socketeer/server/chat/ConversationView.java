package dev.socketeer.server.chat;

import java.time.Instant;
import java.util.List;

/** A conversation as the REST API returns it: its participants' user ids ascending. Immutable. */
record ConversationView(long id, Long projectId, List<Long> participantIds, long createdBy, Instant createdAt) {

    static ConversationView of(Conversation c, List<Long> participantIds) {
        return new ConversationView(c.id(), c.projectId(), List.copyOf(participantIds), c.createdBy(), c.createdAt());
    }
}
