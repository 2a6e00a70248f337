package dev.socketeer.core.adapter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One message of the cluster protocol of Node's {@code socket.io-adapter} 2.5 ({@code ClusterMessage} and
 * {@code ClusterResponse} there, which share this shape): {@code {uid, nsp, type, data?}}.
 *
 * <p>{@code data} is a neutral value tree that a transport encodes as JSON or MessagePack: Jackson nodes,
 * with binary values as {@link tools.jackson.databind.node.BinaryNode}s (Node's {@code Buffer}s). Its
 * fields per type, as Node writes them:
 * <ul>
 *   <li>{@link Type#BROADCAST}: {@code {packet: {type, data}, opts: {rooms, except, flags}, requestId?}}
 *       ({@code requestId} when the broadcast expects acknowledgements);</li>
 *   <li>{@link Type#SOCKETS_JOIN}, {@link Type#SOCKETS_LEAVE}: {@code {opts, rooms}};
 *       {@link Type#DISCONNECT_SOCKETS}: {@code {opts, close}};</li>
 *   <li>{@link Type#FETCH_SOCKETS}: {@code {opts, requestId}}; {@link Type#FETCH_SOCKETS_RESPONSE}:
 *       {@code {requestId, sockets: [{id, handshake, rooms, data}]}};</li>
 *   <li>{@link Type#SERVER_SIDE_EMIT}: {@code {packet: [event, ...args], requestId?}};
 *       {@link Type#SERVER_SIDE_EMIT_RESPONSE}: {@code {requestId, packet}};</li>
 *   <li>{@link Type#BROADCAST_CLIENT_COUNT}: {@code {requestId, clientCount}}; {@link Type#BROADCAST_ACK}:
 *       {@code {requestId, packet}};</li>
 *   <li>the heartbeats and {@link Type#ADAPTER_CLOSE}: no data.</li>
 * </ul>
 *
 * <p>Immutable as long as {@code data} is not modified after construction; safe to share across threads then.
 *
 * @param uid the sending node
 * @param nsp the namespace
 * @param type what the message is
 * @param data the payload, or {@code null}
 */
public record ClusterMessage(String uid, String nsp, Type type, @Nullable JsonNode data) {

    public ClusterMessage {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(nsp, "nsp");
        Objects.requireNonNull(type, "type");
    }

    /** The message types, with Node's {@code MessageType} numbers. */
    public enum Type {
        INITIAL_HEARTBEAT(1),
        HEARTBEAT(2),
        BROADCAST(3),
        SOCKETS_JOIN(4),
        SOCKETS_LEAVE(5),
        DISCONNECT_SOCKETS(6),
        FETCH_SOCKETS(7),
        FETCH_SOCKETS_RESPONSE(8),
        SERVER_SIDE_EMIT(9),
        SERVER_SIDE_EMIT_RESPONSE(10),
        BROADCAST_CLIENT_COUNT(11),
        BROADCAST_ACK(12),
        ADAPTER_CLOSE(13);

        private static final Type[] BY_CODE = new Type[14];

        static {
            for (Type type : values()) {
                BY_CODE[type.code] = type;
            }
        }

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The number on the wire. */
        public int code() {
            return code;
        }

        /** The type numbered {@code code}, or {@code null} for an unknown number. */
        public static @Nullable Type fromCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }

        /** Whether this is an answer to a request (Node's {@code ClusterResponse} types). */
        public boolean isResponse() {
            return this == FETCH_SOCKETS_RESPONSE || this == SERVER_SIDE_EMIT_RESPONSE
                    || this == BROADCAST_CLIENT_COUNT || this == BROADCAST_ACK;
        }
    }
}
