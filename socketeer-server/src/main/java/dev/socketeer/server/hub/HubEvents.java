package dev.socketeer.server.hub;

import dev.socketeer.core.Namespace;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The event hub's facade, seed 001's {@code WebSocketService}: what any feature (and the hub's HTTP triggers)
 * calls to reach the clients of namespace {@code /}, by client id, by hub room (a name as clients join it,
 * see {@link HubRooms}) or all of them. Methods addressed to a client complete with whether it is connected
 * (nothing is sent otherwise): to this server, or in a cluster ({@code socketeer.adapter=redis}) to any node,
 * found with {@code fetchSockets} and reached through the cluster; they fail when the cluster does not answer.
 * Payloads are converted with the application's JSON mapper.
 *
 * <p>Emits at once: a caller inside a database transaction calls it after commit (see the customers feature).
 * Threading: thread safe, non-blocking; call from any thread.
 */
@Service
public final class HubEvents {
    private final SocketIoServer io;
    private final HubRooms rooms;

    HubEvents(SocketIoServer io, HubRooms rooms) {
        this.io = io;
        this.rooms = rooms;
    }

    /** What clients receive as {@code notification}. */
    record NotificationEvent(String type, String title, String message, Instant timestamp) {
        static NotificationEvent of(HubNotification n) {
            return new NotificationEvent(n.type(), n.title(), n.message(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    public CompletableFuture<Boolean> sendNotificationToClient(String clientId, HubNotification notification) {
        return toClient(clientId, HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    /** @throws IllegalArgumentException when the room name is out of bounds */
    public void sendNotificationToRoom(String room, HubNotification notification) {
        toRoom(room, HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    public void broadcastNotification(HubNotification notification) {
        hub().emit(HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    public CompletableFuture<Boolean> sendChatMessage(String clientId, Object message) {
        return toClient(clientId, HubEvent.CHAT_MESSAGE.wireName(), message);
    }

    /** @throws IllegalArgumentException when the room name is out of bounds */
    public void sendChatMessageToRoom(String room, Object message) {
        toRoom(room, HubEvent.CHAT_MESSAGE.wireName(), message);
    }

    /** @throws IllegalArgumentException when the event name is reserved or malformed ({@link EventNames}) */
    public CompletableFuture<Boolean> sendCustomEventToClient(String clientId, String event, Object data) {
        return toClient(clientId, EventNames.check(event), data);
    }

    /** @throws IllegalArgumentException when the event or room name is not allowed */
    public void sendCustomEventToRoom(String room, String event, Object data) {
        toRoom(room, EventNames.check(event), data);
    }

    /** @throws IllegalArgumentException when the event name is reserved or malformed ({@link EventNames}) */
    public void broadcastCustomEvent(String event, Object data) {
        hub().emit(EventNames.check(event), data);
    }

    public CompletableFuture<Boolean> sendWhatsappStatusUpdate(String clientId, Object status) {
        return toClient(clientId, HubEvent.WHATSAPP_STATUS_UPDATE.wireName(), status);
    }

    public CompletableFuture<Boolean> sendWhatsappMessageUpdate(String clientId, Object message) {
        return toClient(clientId, HubEvent.WHATSAPP_MESSAGE_UPDATE.wireName(), message);
    }

    public CompletableFuture<Boolean> sendConversationUpdate(String clientId, Object conversation) {
        return toClient(clientId, HubEvent.CONVERSATION_UPDATE.wireName(), conversation);
    }

    /** {@code whatsappStatusUpdate} to every client of {@code /}. */
    public void broadcastWhatsappStatusUpdate(Object status) {
        hub().emit(HubEvent.WHATSAPP_STATUS_UPDATE.wireName(), status);
    }

    /** {@code whatsappMessageUpdate} to every client of {@code /}. */
    public void broadcastWhatsappMessageUpdate(Object message) {
        hub().emit(HubEvent.WHATSAPP_MESSAGE_UPDATE.wireName(), message);
    }

    public boolean isClientConnected(String clientId) {
        return client(clientId).isPresent();
    }

    /** How many clients are connected to {@code /} on this server. */
    public int connectedClientsCount() {
        return hub().sockets().size();
    }

    /** The socket of {@code /} with this id, on this server. */
    Optional<Socket> client(String clientId) {
        return Optional.ofNullable(clientId == null ? null : hub().sockets().get(clientId));
    }

    private CompletableFuture<Boolean> toClient(String clientId, String event, Object data) {
        Optional<Socket> socket = client(clientId);
        if (socket.isPresent()) {
            socket.get().emit(event, data);
            return CompletableFuture.completedFuture(true);
        }
        if (clientId == null) {
            return CompletableFuture.completedFuture(false);
        }
        // another node's, perhaps: every socket is in the room of its id (answered at once by the in-memory adapter)
        return hub().in(clientId).fetchSockets().thenApply(found -> {
            for (RemoteSocket remote : found) {
                if (remote.id().equals(clientId)) {
                    return remote.emit(event, data);
                }
            }
            return false;
        });
    }

    private void toRoom(String room, String event, Object data) {
        hub().to(rooms.room(room)).emit(event, data);
    }

    private Namespace hub() {
        return io.sockets();
    }
}
