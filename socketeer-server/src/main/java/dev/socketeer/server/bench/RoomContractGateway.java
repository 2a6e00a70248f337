package dev.socketeer.server.bench;

import dev.socketeer.core.Ack;
import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark "room" contract on {@code /}, as a Spring user writes it, so the bench measures the gateway
 * dispatch path (the same events and payloads as {@code ExampleServer.create} and
 * {@code compat/reference-server.js}):
 * <ul>
 *   <li>{@code joinRoom {"room"}}: joins, emits {@code roomJoined {"room"}}, acks {@code {"room"}};</li>
 *   <li>{@code roomMessage {"room","message"}}: {@code roomMessage {"room","message","from"}} to the room,
 *       sender included;</li>
 *   <li>{@code echo}: acks with the same arguments;</li>
 *   <li>{@code message {"message"}}: {@code messageBroadcast {"message","from"}} to every other socket.</li>
 * </ul>
 * No authentication ({@link AuthPolicy#NONE}); only with the {@code bench} profile. Stateless, thread safe;
 * methods run on the handler executor.
 */
@Profile("bench")
@SocketGateway(namespace = "/", auth = AuthPolicy.NONE)
final class RoomContractGateway {

    record JoinRoom(String room) {}

    record RoomMessage(String room, Object message) {}

    record Message(Object message) {}

    @OnEvent("joinRoom")
    Map<String, String> joinRoom(Socket socket, JoinRoom join) {
        String room = requireRoom(join.room());
        socket.join(room);
        socket.emit("roomJoined", Map.of("room", room));
        return Map.of("room", room);
    }

    @OnEvent("roomMessage")
    void roomMessage(Socket socket, RoomMessage msg) {
        String room = requireRoom(msg.room());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("room", room);
        out.put("message", msg.message());
        out.put("from", socket.id());
        // the namespace, not the socket: Node's io.to(room) reaches the sender too
        socket.namespace().to(room).emit("roomMessage", out);
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

    @OnEvent("message")
    void message(Socket socket, Message msg) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", msg.message());
        out.put("from", socket.id());
        socket.broadcast().emit("messageBroadcast", out);
    }

    /** A missing room is the client's mistake: a SocketError answers it without a WARN log per message. */
    private static String requireRoom(String room) {
        if (room == null || room.isEmpty()) {
            throw new SocketError("room is required");
        }
        return room;
    }
}
