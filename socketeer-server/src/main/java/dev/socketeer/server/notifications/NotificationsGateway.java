package dev.socketeer.server.notifications;

import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.BeforeConnect;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 003's {@code NotificationGateway} on namespace {@code /notifications}: a valid JWT is required
 * ({@code Authorization: Bearer}, {@code auth.token} or {@code ?token=}); each socket joins its user's room
 * {@code user:<uid>} before CONNECT is answered (so a notification committed once the client has seen
 * {@code connect} reaches it), then gets {@code unread_count}. After commit, {@code notification} and the
 * fresh {@code unread_count} go to the user's room, so every tab and device of the user receives them.
 *
 * <p>Threading: handlers run on the Socket.IO handler executor; the after-commit listeners on the thread
 * that committed. Stateless apart from the injected beans; thread safe.
 */
@SocketGateway(namespace = NotificationsGateway.NAMESPACE, auth = AuthPolicy.REQUIRED)
final class NotificationsGateway {
    static final String NAMESPACE = "/notifications";
    static final String SUBSCRIBE = "subscribe_notifications";

    private final SocketIoServer io;
    private final UnreadCounts counts;
    private final JsonMapper json;

    NotificationsGateway(SocketIoServer io, UnreadCounts counts, JsonMapper json) {
        this.io = io;
        this.counts = counts;
        this.json = json;
    }

    static String room(long userId) {
        return "user:" + userId;
    }

    @BeforeConnect
    void joinUserRoom(Socket socket, Jwt jwt) {
        long userId = CallerId.of(jwt).orElseThrow(() -> new SocketError("Unauthorized"));
        socket.join(room(userId));
    }

    @OnConnect
    void sendUnreadCount(Socket socket, Jwt jwt) {
        counts.readAndSend(CallerId.of(jwt).orElseThrow(), count -> socket.emit(
                FeedEvent.Type.UNREAD_COUNT.wireName(), FeedEvent.unreadCount(count, json).tree(json)));
    }

    /** The seed's client asks with any payload and looks at {@code response.success}. */
    @OnEvent(SUBSCRIBE)
    Map<String, Boolean> subscribe() {
        return Map.of("success", true);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void emitNotification(NotificationCreated event) {
        Notification notification = event.notification();
        io.of(NAMESPACE).to(room(notification.userId())).emit(FeedEvent.Type.NOTIFICATION.wireName(),
                FeedEvent.notification(notification, json).tree(json));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void emitUnreadCount(UnreadCountChanged event) {
        counts.readAndSend(event.userId(), count -> io.of(NAMESPACE).to(room(event.userId())).emit(
                FeedEvent.Type.UNREAD_COUNT.wireName(), FeedEvent.unreadCount(count, json).tree(json)));
    }
}
