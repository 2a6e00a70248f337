package dev.socketeer.server.chat;

import dev.socketeer.server.common.StripedLocks;
import dev.socketeer.server.notifications.Notification;
import dev.socketeer.server.notifications.NotificationService;
import dev.socketeer.server.notifications.NotificationType;
import dev.socketeer.server.projects.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores chat messages so that every member receives a conversation's messages in the order of its history.
 *
 * <p>Why a lock: ids come from the database's identity, which is assigned at insert, while transactions commit
 * later and after-commit emits run on whichever thread committed. Two concurrent sends A, B could get ids 1, 2,
 * commit 2 first, and emit in either order, so a client could see 2 before 1, or see 2 when a history read
 * does not show 1 yet. Here a send holds its conversation's stripe ({@link ConversationLocks}) from before the
 * insert until {@code message:new} has been handed to the sockets (the emit runs in the after-commit phase, on
 * this thread, inside the lock), and locks the conversation's row ({@code SELECT … FOR UPDATE}). So per
 * conversation, insert, commit and emit happen one send at a time: ids grow in commit order, and each socket
 * gets the emits in that order (one thread after another hands them to the socket's event loop, which keeps
 * them in order). Sends to different conversations do not wait for each other, beyond sharing a stripe.
 *
 * <p>Several server nodes: the row lock still makes ids follow commit order across nodes, but the emits of two
 * nodes travel different paths (local delivery, the cluster adapter) and may cross. A cluster needs the order
 * carried with the messages: emit through one ordered channel per conversation (e.g. PostgreSQL
 * {@code NOTIFY} from inside the transaction, delivered in commit order, or routing a conversation's sends to
 * one node), or let clients reorder by id and fetch gaps from the history.
 *
 * <p>Thread safe. Blocking: called on the Socket.IO handler executor (never an event loop).
 */
@Service
final class MessageService {

    /** The longest content quoted in a notification. */
    private static final int PREVIEW = 200;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final RoomPresence presence;
    private final NotificationService notifications;
    private final StripedLocks locks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    MessageService(ConversationRepository conversations, MessageRepository messages, RoomPresence presence,
                   NotificationService notifications, ConversationLocks locks,
                   PlatformTransactionManager transactionManager, ApplicationEventPublisher events, JsonMapper json) {
        this.conversations = conversations;
        this.messages = messages;
        this.presence = presence;
        this.notifications = notifications;
        this.locks = locks.stripes();
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.json = json;
    }

    /**
     * Stores the message and, after commit, emits it; empty (nothing stored) when the conversation does not
     * exist or the sender does not take part in it.
     */
    Optional<ChatMessage> send(Caller sender, SendMessageRequest request) {
        long conversationId = request.conversationId();
        MessageType type = MessageType.fromWireName(request.message().type());
        String content = request.message().content();
        return locks.call(conversationId, () -> transactions.execute(status -> {
            if (conversations.lockById(conversationId).isEmpty()
                    || conversations.countParticipant(conversationId, sender.id()) == 0) {
                return Optional.<ChatMessage>empty();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what the database keeps
            long id = messages.save(new ChatMessage(null, conversationId, sender.id(), content, type, now)).id();
            ChatMessage stored = messages.findById(id).orElseThrow();
            events.publishEvent(new MessageSent(stored, notifyAbsent(stored, sender)));
            return Optional.of(stored);
        }));
    }

    /** A stored notification for each participant but the sender with no socket in the conversation's room. */
    private List<Notification> notifyAbsent(ChatMessage message, Caller sender) {
        Set<Long> present = presence.usersIn(ChatGateway.room(message.conversationId()));
        ObjectNode data = json.createObjectNode().put("conversationId", message.conversationId())
                .put("messageId", message.id()).put("senderId", sender.id());
        String text = preview(message.content());
        List<Notification> sent = new ArrayList<>();
        for (long participant : conversations.participantIds(message.conversationId())) {
            if (participant != sender.id() && !present.contains(participant)) {
                sent.add(notifications.notify(participant, NotificationType.INFO, "New message",
                        sender.username() + ": " + text, data));
            }
        }
        return sent;
    }

    private static String preview(String content) {
        if (content.length() <= PREVIEW) return content;
        int end = PREVIEW - 1;
        if (Character.isHighSurrogate(content.charAt(end - 1))) end--; // never split a character
        return content.substring(0, end) + "…";
    }
}
