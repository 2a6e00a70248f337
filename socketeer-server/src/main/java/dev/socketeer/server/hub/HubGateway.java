package dev.socketeer.server.hub;

import dev.socketeer.core.Ack;
import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnDisconnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's {@code WebSocketGateway} on namespace {@code /}, for anonymous clients (a token that is sent must
 * be valid; {@code /} is shared with claims and with projects and chat, which own their own events):
 * <ul>
 *   <li>on connect: {@code connected {clientId, timestamp}} to the client, {@code clientJoined {clientId}} to
 *       every other client of {@code /}; on disconnect {@code clientLeft {clientId}} (the presence events,
 *       {@code socketeer.server.hub.presence-events});</li>
 *   <li>{@code message {message}}: {@code messageReceived {message, timestamp}} to the sender,
 *       {@code messageBroadcast {message, from}} to every other client;</li>
 *   <li>{@code joinRoom} / {@code leaveRoom {room}}: {@code roomJoined} / {@code roomLeft {room}} to the sender,
 *       and the same object as ack;</li>
 *   <li>{@code roomMessage {room, message}}: {@code roomMessage {room, message, from}} to the room's members
 *       (the sender too, when it is one);</li>
 *   <li>{@code echo}: acks with its arguments (a round-trip check; the benchmark's ack scenario).</li>
 * </ul>
 * Rooms are the hub's own ({@link HubRooms}). A payload that is not valid is answered with an error ack
 * ({@code {"status":"error","message":...}}) or an {@code exception} event, and nothing is emitted.
 *
 * <p>Threading: handlers run on the Socket.IO handler executor, in order per client; stateless, thread safe.
 */
@SocketGateway(namespace = "/", auth = AuthPolicy.OPTIONAL)
final class HubGateway {
    /** The longest message, in characters. */
    static final int MAX_MESSAGE = 10_000;

    private final HubRooms rooms;
    private final boolean presence;

    HubGateway(HubRooms rooms, HubProperties properties) {
        this.rooms = rooms;
        this.presence = properties.presenceEvents();
    }

    record MessageRequest(@NotNull @Size(min = 1, max = MAX_MESSAGE) String message) {}

    record RoomRequest(@NotBlank String room) {}

    record RoomMessageRequest(@NotBlank String room, @NotNull @Size(min = 1, max = MAX_MESSAGE) String message) {}

    record Connected(String clientId, Instant timestamp) {}

    record ClientRef(String clientId) {}

    record MessageReceived(String message, Instant timestamp) {}

    record MessageBroadcast(String message, String from) {}

    record RoomRef(String room) {}

    record RoomMessage(String room, String message, String from) {}

    @OnConnect
    void connected(Socket socket) {
        if (presence) {
            socket.emit(HubEvent.CONNECTED.wireName(), new Connected(socket.id(), now()));
            socket.broadcast().emit(HubEvent.CLIENT_JOINED.wireName(), new ClientRef(socket.id()));
        }
    }

    @OnDisconnect
    void disconnected(Socket socket) {
        if (presence) {
            socket.namespace().emit(HubEvent.CLIENT_LEFT.wireName(), new ClientRef(socket.id()));
        }
    }

    @OnEvent("message")
    void message(Socket socket, @Valid MessageRequest request) {
        socket.emit(HubEvent.MESSAGE_RECEIVED.wireName(), new MessageReceived(request.message(), now()));
        socket.broadcast().emit(HubEvent.MESSAGE_BROADCAST.wireName(), new MessageBroadcast(request.message(), socket.id()));
    }

    @OnEvent("joinRoom")
    RoomRef joinRoom(Socket socket, @Valid RoomRequest request) {
        String room = room(request.room());
        if (!socket.rooms().contains(room) && rooms.full(socket)) {
            throw new SocketError("A client may be in at most " + rooms.maxRoomsPerSocket() + " rooms");
        }
        socket.join(room);
        RoomRef joined = new RoomRef(request.room());
        socket.emit(HubEvent.ROOM_JOINED.wireName(), joined);
        return joined;
    }

    @OnEvent("leaveRoom")
    RoomRef leaveRoom(Socket socket, @Valid RoomRequest request) {
        socket.leave(room(request.room()));
        RoomRef left = new RoomRef(request.room());
        socket.emit(HubEvent.ROOM_LEFT.wireName(), left);
        return left;
    }

    @OnEvent("roomMessage")
    void roomMessage(Socket socket, @Valid RoomMessageRequest request) {
        String room = room(request.room());
        // the namespace, not the socket: like Node's io.to(room), the sender gets it too when it is a member
        socket.namespace().to(room).emit(HubEvent.ROOM_MESSAGE.wireName(),
                new RoomMessage(request.room(), request.message(), socket.id()));
    }

    /** Takes the Ack itself: a return value answers with one argument, echo answers with all of them. */
    @OnEvent("echo")
    void echo(JsonNode args, Ack ack) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i);
        }
        ack.send(values);
    }

    private String room(String name) {
        try {
            return rooms.room(name);
        } catch (HubRooms.InvalidRoomException e) {
            throw new SocketError(e.getMessage());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
