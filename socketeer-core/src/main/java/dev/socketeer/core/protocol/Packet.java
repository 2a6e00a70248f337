package dev.socketeer.core.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One decoded Socket.IO packet.
 *
 * <p>{@code data} is the JSON payload as a Jackson tree, with binary attachments in place as
 * {@link tools.jackson.databind.node.BinaryNode}s (never placeholders):
 * <ul>
 *   <li>CONNECT: the {@code auth} object, or {@code null};</li>
 *   <li>DISCONNECT: {@code null};</li>
 *   <li>EVENT / BINARY_EVENT: an array {@code [name, ...args]};</li>
 *   <li>ACK / BINARY_ACK: an array of the ack arguments;</li>
 *   <li>CONNECT_ERROR: an object {@code {"message", "data"?}}.</li>
 * </ul>
 * When encoding, the encoder decides EVENT vs BINARY_EVENT (ACK vs BINARY_ACK) itself from whether
 * {@code data} contains binary, as Node's parser does, so callers may pass either type. Likewise the
 * decoder returns a reconstructed binary packet as EVENT / ACK, never BINARY_EVENT / BINARY_ACK.
 *
 * <p>Immutable as long as the tree is not modified after construction; safe to share across threads
 * then.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code "/"} by default; never {@code null}
 * @param data the payload, or {@code null}
 * @param ackId the ack id, or {@code null} when no ack is requested / this is not an ack
 */
public record Packet(PacketType type, String namespace, @Nullable JsonNode data, @Nullable Integer ackId) {

    public Packet {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
    }

    public static Packet of(PacketType type, String namespace, @Nullable JsonNode data) {
        return new Packet(type, namespace, data, null);
    }
}
