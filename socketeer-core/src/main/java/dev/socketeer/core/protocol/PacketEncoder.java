package dev.socketeer.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes packets exactly as socket.io-parser 4.2 does:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]}.
 *
 * <p>For EVENT and ACK packets (and their BINARY_ variants) every binary value in the payload —
 * a {@link tools.jackson.databind.node.BinaryNode}, or a {@link tools.jackson.databind.node.POJONode}
 * wrapping {@code byte[]} or {@link java.nio.ByteBuffer}, at any depth — becomes a
 * {@code {"_placeholder":true,"num":N}} object, numbered depth first, and its bytes an attachment;
 * the packet is then written as BINARY_EVENT / BINARY_ACK. A BINARY_ packet without binary is
 * written as plain EVENT / ACK. Other packet types are written as JSON without looking for binary.
 * A {@code null} or JSON {@code null} payload writes nothing after the ack id. A lone surrogate in a string
 * is written as a <code>&#92;udxxx</code> escape, as JavaScript's {@code JSON.stringify} does, so that it survives
 * the UTF-8 of the wire; a non-finite number (what a client's {@code 1e400} decodes to) is written as
 * {@code null}, as {@code JSON.stringify} writes it.
 *
 * <p>The input tree is never modified: without binary it is serialized as is; with binary only the
 * containers leading to binary values are copied.
 *
 * <p>Stateless and thread safe; one instance can serve the whole server.
 */
public final class PacketEncoder {
    private final JsonMapper mapper;

    /** An encoder using a default {@link JsonMapper}. */
    public PacketEncoder() {
        this(JsonMapper.builder().build());
    }

    /** An encoder serializing payloads with {@code mapper}. */
    public PacketEncoder(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Encodes {@code packet}.
     *
     * @throws IllegalArgumentException if the namespace does not start with {@code /} or contains a
     *     {@code ,}, the ack id is negative, or an ACK has no ack id
     * @throws tools.jackson.core.JacksonException if the payload cannot be serialized
     */
    public EncodedPacket encode(Packet packet) {
        Objects.requireNonNull(packet, "packet");
        String namespace = packet.namespace();
        if (!namespace.startsWith("/") || namespace.indexOf(',') >= 0) {
            throw new IllegalArgumentException("namespace must start with '/' and not contain ',': " + namespace);
        }
        Integer ackId = packet.ackId();
        if (ackId != null && ackId < 0) {
            throw new IllegalArgumentException("ackId must not be negative: " + ackId);
        }
        PacketType type = packet.type();
        boolean isAck = type == PacketType.ACK || type == PacketType.BINARY_ACK;
        if (isAck && ackId == null) {
            throw new IllegalArgumentException("ackId is required for " + type);
        }
        JsonNode data = packet.data();
        if (data != null && (data.isNull() || data.isMissingNode())) {
            data = null;
        }

        List<byte[]> attachments = List.of();
        if (isAck || type == PacketType.EVENT || type == PacketType.BINARY_EVENT) {
            if (data != null) {
                List<byte[]> found = new ArrayList<>(0);
                data = BinaryPlaceholders.extract(data, found);
                attachments = found;
            }
            if (attachments.isEmpty()) {
                type = isAck ? PacketType.ACK : PacketType.EVENT;
            } else {
                type = isAck ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
            }
        } else if (data != null) {
            data = JsonNumbers.finite(data); // what extract does for EVENT and ACK payloads in the same walk
        }

        StringBuilder header = new StringBuilder(16 + namespace.length());
        header.append(type.code());
        if (type.isBinary()) {
            header.append(attachments.size()).append('-');
        }
        if (!namespace.equals("/")) {
            header.append(namespace).append(',');
        }
        if (ackId != null) {
            header.append(ackId.intValue());
        }
        String text = data == null ? header.toString()
                : header.append(LoneSurrogates.escape(mapper.writeValueAsString(data))).toString();
        return new EncodedPacket(text, attachments);
    }
}
