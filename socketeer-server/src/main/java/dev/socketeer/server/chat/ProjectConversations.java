package dev.socketeer.server.chat;

import dev.socketeer.server.projects.MemberRemoved;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps project conversations to project members: when a member leaves or is removed from a project, they stop
 * taking part in its conversations, in the same transaction ({@link MemberRemoved} is published inside it and
 * this listener runs synchronously). Their sockets leave those rooms after commit ({@link ChatGateway}).
 * Thread safe; blocking.
 */
@Component
final class ProjectConversations {

    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;

    ProjectConversations(ConversationRepository conversations, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.events = events;
    }

    @EventListener
    void memberRemoved(MemberRemoved event) {
        List<Long> ids = conversations.ofProjectWithParticipant(event.projectId(), event.userId());
        if (ids.isEmpty()) return;
        conversations.removeParticipant(ids, event.userId());
        events.publishEvent(new ParticipantRemoved(ids, event.userId()));
    }
}
