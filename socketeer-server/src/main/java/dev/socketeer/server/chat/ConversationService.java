package dev.socketeer.server.chat;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import dev.socketeer.server.projects.Caller;
import dev.socketeer.server.projects.ProjectMembers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Conversations and their history. Only participants see a conversation (anyone else gets 404). A
 * conversation of a project is created by a member of that project and all its participants are members: the
 * project's row is locked while it is created, so a member removed at that moment is either refused here or
 * removed from it afterwards (see {@link ProjectConversations}). Thread safe; JDBC on the bounded elastic
 * scheduler (or the caller's thread for {@link #isParticipant}).
 */
@Service
final class ConversationService {

    /** The most messages one history page holds. */
    static final int MAX_PAGE = 100;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ProjectMembers projects;
    private final TransactionTemplate transactions;

    ConversationService(ConversationRepository conversations, MessageRepository messages, ProjectMembers projects,
                        PlatformTransactionManager transactionManager) {
        this.conversations = conversations;
        this.messages = messages;
        this.projects = projects;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    Mono<ConversationView> create(CreateConversationRequest request, Caller caller) {
        Set<Long> participants = new TreeSet<>(request.participantIds());
        participants.add(caller.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Blocking.call(() -> transactions.execute(status -> {
            Long projectId = request.projectId();
            if (projectId != null) {
                if (!projects.lock(projectId) || !projects.isMember(projectId, caller.id())) {
                    throw Problems.notFound("Project " + projectId + " does not exist");
                }
                requireNone(projects.nonMembers(projectId, participants),
                        "has users who are not members of project " + projectId);
            } else {
                Set<Long> unknown = new TreeSet<>(participants);
                conversations.existingUserIds(participants).forEach(unknown::remove);
                requireNone(unknown, "has unknown user ids");
            }
            Conversation stored = conversations.save(new Conversation(null, projectId, caller.id(), now));
            participants.forEach(userId -> conversations.addParticipant(stored.id(), userId));
            return view(stored);
        }));
    }

    Mono<ConversationView> get(long id, Caller caller) {
        return Blocking.call(() -> view(visible(id, caller)));
    }

    Mono<PageView<ConversationView>> list(Caller caller, Long projectId, int page, int size) {
        long offset = (long) page * size;
        return Blocking.call(() -> {
            List<Conversation> content = projectId == null
                    ? conversations.pageOfParticipant(caller.id(), size, offset)
                    : conversations.pageOfParticipantInProject(caller.id(), projectId, size, offset);
            long total = projectId == null
                    ? conversations.countOfParticipant(caller.id())
                    : conversations.countOfParticipantInProject(caller.id(), projectId);
            return new PageView<>(content.stream().map(this::view).toList(), page, size, total,
                    (int) ((total + size - 1) / size));
        });
    }

    /** Up to {@code limit} messages after {@code after}, oldest first, with the cursor of the next page. */
    Mono<HistoryPage> history(long id, Caller caller, long after, int limit) {
        return Blocking.call(() -> {
            visible(id, caller);
            List<ChatMessage> items = messages.after(id, after, limit + 1);
            if (items.size() <= limit) return new HistoryPage(items, null);
            List<ChatMessage> page = items.subList(0, limit);
            return new HistoryPage(List.copyOf(page), page.get(limit - 1).id());
        });
    }

    /** Whether the user takes part in the conversation (false when there is none). Blocking. */
    boolean isParticipant(long conversationId, long userId) {
        return conversations.countParticipant(conversationId, userId) > 0;
    }

    private Conversation visible(long id, Caller caller) {
        if (!isParticipant(id, caller.id())) throw notFound(id);
        return conversations.findById(id).orElseThrow(() -> notFound(id));
    }

    private ConversationView view(Conversation c) {
        return ConversationView.of(c, conversations.participantIds(c.id()));
    }

    static ErrorResponseException notFound(long id) {
        return Problems.notFound("Conversation " + id + " does not exist");
    }

    private static void requireNone(Collection<Long> offending, String problem) {
        if (offending.isEmpty()) return;
        throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid request: participantIds " + problem + ": "
                + new TreeSet<>(offending).stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
}
