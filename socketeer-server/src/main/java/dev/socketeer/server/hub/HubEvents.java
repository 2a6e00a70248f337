package dev.socketeer.server.hub;

import dev.socketeer.core.Namespace;
import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The event hub's facade, seed 001's {@code WebSocketService}: what any feature (and the hub's HTTP triggers)
 * calls to reach the clients of namespace {@code /}, by client id, by hub room (a name as clients join it,
 * see {@link HubRooms}) or all of them. Methods addressed to a client return whether it is connected to this
 * server (nothing is sent otherwise). Payloads are converted with the application's JSON mapper.
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

    public boolean sendNotificationToClient(String clientId, HubNotification notification) {
        return toClient(clientId, HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    /** @throws IllegalArgumentException when the room name is out of bounds */
    public void sendNotificationToRoom(String room, HubNotification notification) {
        toRoom(room, HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    public void broadcastNotification(HubNotification notification) {
        hub().emit(HubEvent.NOTIFICATION.wireName(), NotificationEvent.of(notification));
    }

    public boolean sendChatMessage(String clientId, Object message) {
        return toClient(clientId, HubEvent.CHAT_MESSAGE.wireName(), message);
    }

    /** @throws IllegalArgumentException when the room name is out of bounds */
    public void sendChatMessageToRoom(String room, Object message) {
        toRoom(room, HubEvent.CHAT_MESSAGE.wireName(), message);
    }

    /** @throws IllegalArgumentException when the event name is reserved or malformed ({@link EventNames}) */
    public boolean sendCustomEventToClient(String clientId, String event, Object data) {
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

    public boolean sendWhatsappStatusUpdate(String clientId, Object status) {
        return toClient(clientId, HubEvent.WHATSAPP_STATUS_UPDATE.wireName(), status);
    }

    public boolean sendWhatsappMessageUpdate(String clientId, Object message) {
        return toClient(clientId, HubEvent.WHATSAPP_MESSAGE_UPDATE.wireName(), message);
    }

    public boolean sendConversationUpdate(String clientId, Object conversation) {
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

    private boolean toClient(String clientId, String event, Object data) {
        Optional<Socket> socket = client(clientId);
        socket.ifPresent(s -> s.emit(event, data));
        return socket.isPresent();
    }

    private void toRoom(String room, String event, Object data) {
        hub().to(rooms.room(room)).emit(event, data);
    }

    private Namespace hub() {
        return io.sockets();
    }
}
