package dev.socketeer.server.chat;

import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.common.StripedLocks;
import dev.socketeer.server.projects.Caller;
import dev.socketeer.server.projects.UserNotices;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.Authenticated;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002's chat events on the shared namespace {@code /} (every handler needs a user; anonymous calls are
 * answered {@code Unauthorized} and change nothing). {@code join:conversation {conversationId}} lets
 * participants into {@code conversation:<id>} (ack {@code {"success":true,"conversationId":…}}; anyone else gets
 * {@code {"status":"error","message":"Conversation … does not exist"}} and stays out); {@code leave:conversation}
 * leaves it. {@code message:send {conversationId, message: {content, type}}} stores the message and acks it;
 * after commit {@code message:new} (the same JSON) goes to the conversation's room, in the order of the history
 * (see {@link MessageService}), and {@code notification:new} to the participants who had no socket in it.
 *
 * <p>Threading: handlers run on the handler executor and block on JDBC, so one socket's events are handled in
 * the order it sent them (a join before the message that follows it; one sender's messages in order); the
 * after-commit listener runs on the committing thread, inside the conversation's stripe.
 */
@SocketGateway(namespace = "/", auth = AuthPolicy.OPTIONAL)
@Authenticated
final class ChatGateway {

    static final String JOIN = "join:conversation";
    static final String LEAVE = "leave:conversation";
    static final String SEND = "message:send";
    static final String MESSAGE_NEW = "message:new";

    private final SocketIoServer io;
    private final ConversationService conversations;
    private final MessageService messages;
    private final UserNotices notices;
    private final StripedLocks locks;
    private final JsonMapper json;

    ChatGateway(SocketIoServer io, ConversationService conversations, MessageService messages, UserNotices notices,
                ConversationLocks locks, JsonMapper json) {
        this.io = io;
        this.conversations = conversations;
        this.messages = messages;
        this.notices = notices;
        this.locks = locks.stripes();
        this.json = json;
    }

    /** What {@code join:conversation} and {@code leave:conversation} carry. */
    record ConversationRef(@NotNull @Positive Long conversationId) {}

    /** Their ack. */
    record RoomAck(boolean success, long conversationId) {}

    static String room(long conversationId) {
        return "conversation:" + conversationId;
    }

    @OnEvent(JOIN)
    RoomAck join(Socket socket, Jwt jwt, @Valid ConversationRef ref) {
        long id = ref.conversationId();
        long userId = caller(jwt).id();
        // under the conversation's stripe: a participant removed now has its sockets leave after this join, and
        // a send sees the socket in the room (its message:new reaches it) or not (its participant is notified)
        return locks.call(id, () -> {
            if (!conversations.isParticipant(id, userId)) throw notFound(id);
            socket.join(room(id));
            return new RoomAck(true, id);
        });
    }

    /** Under the stripe too: a send either sees the socket in the room (and reaches it) or not (and notifies). */
    @OnEvent(LEAVE)
    RoomAck leave(Socket socket, @Valid ConversationRef ref) {
        long id = ref.conversationId();
        locks.run(id, () -> socket.leave(room(id)));
        return new RoomAck(true, id);
    }

    /** Acks the stored message, the same JSON as {@code message:new} and the history. */
    @OnEvent(SEND)
    JsonNode send(Jwt jwt, @Valid SendMessageRequest request) {
        ChatMessage stored = messages.send(caller(jwt), request)
                .orElseThrow(() -> notFound(request.conversationId()));
        return json.valueToTree(stored);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void messageSent(MessageSent event) {
        ChatMessage message = event.message();
        io.of("/").to(room(message.conversationId())).emit(MESSAGE_NEW, json.valueToTree(message));
        event.notifications().forEach(notices::deliver);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void participantRemoved(ParticipantRemoved event) {
        String userRoom = UserNotices.room(event.userId());
        for (long id : event.conversationIds()) {
            locks.run(id, () -> io.of("/").in(userRoom).socketsLeave(room(id)));
        }
    }

    private static Caller caller(Jwt jwt) {
        return Caller.from(jwt).orElseThrow(() -> new SocketError("Unauthorized"));
    }

    private static SocketError notFound(long conversationId) {
        return new SocketError("Conversation " + conversationId + " does not exist");
    }
}
