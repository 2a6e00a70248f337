package dev.socketeer.server.chat;

import dev.socketeer.server.common.StripedLocks;
import org.springframework.stereotype.Component;

/**
 * The in-process locks of conversations. {@link MessageService} holds a conversation's stripe across
 * "store, commit, emit", so its messages leave in the order of their ids; a socket joining the conversation's
 * room or leaving it, and the sockets of a removed participant leaving it, hold it too. Thread safe.
 */
@Component
final class ConversationLocks {

    private final StripedLocks stripes = new StripedLocks(256);

    StripedLocks stripes() {
        return stripes;
    }
}
