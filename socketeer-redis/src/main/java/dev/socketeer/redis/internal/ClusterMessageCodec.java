package dev.socketeer.redis.internal;

import dev.socketeer.core.adapter.ClusterMessage;
import dev.socketeer.core.adapter.ClusterMessage.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * {@link ClusterMessage}s as {@code @socket.io/redis-streams-adapter} 0.3 writes them.
 * <ul>
 *   <li>In the stream: the fields {@code uid}, {@code nsp}, {@code type} (the number as a string) and, when
 *       the message has data, {@code data}: its JSON, or, for the types that may carry binary
 *       (BROADCAST, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_ACK) when
 *       it holds binary, the base64 of its MessagePack. A reader takes {@code data} as JSON when it starts
 *       with <code>{</code>, as Node does.</li>
 *   <li>On pub/sub (requests that expect answers, and the answers): the MessagePack of
 *       {@code {type, data, uid, nsp}} in that key order (the order Node's objects get their keys).</li>
 *   <li>On the channels of {@code @socket.io/redis-adapter} 8.3's sharded adapter: that object as JSON text,
 *       or as MessagePack when its type may carry binary and it holds some
 *       ({@link #toJsonOrMsgpack}).</li>
 * </ul>
 * The MessagePack is {@code @msgpack/msgpack} 2.8's, which for the values a cluster message holds writes
 * the same bytes as notepack ({@link Notepack}): smallest integer formats, float 64, str 8/16/32, bin
 * 8/16/32 for binary ({@code @msgpack/msgpack} decodes bin to a {@code Uint8Array} where notepack gives a
 * {@code Buffer}; socket.io sends both as binary attachments), the timestamp extension for a
 * {@code Date}. The differences (it writes an {@code undefined} property as nil where notepack leaves it
 * out; it writes integers beyond 2^53 as float 64) concern values a JSON tree does not hold.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ClusterMessageCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<Type> MAY_CONTAIN_BINARY = EnumSet.of(Type.BROADCAST, Type.FETCH_SOCKETS_RESPONSE,
            Type.SERVER_SIDE_EMIT, Type.SERVER_SIDE_EMIT_RESPONSE, Type.BROADCAST_ACK);

    private ClusterMessageCodec() {
    }

    /** The fields of the stream entry for {@code message}, in Node's order. */
    public static Map<String, byte[]> toStreamFields(ClusterMessage message, boolean onlyPlaintext) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("uid", utf8(message.uid()));
        fields.put("nsp", utf8(message.nsp()));
        fields.put("type", utf8(Integer.toString(message.type().code())));
        JsonNode data = message.data();
        if (data != null && !data.isNull()) {
            if (!onlyPlaintext && MAY_CONTAIN_BINARY.contains(message.type()) && hasBinary(data)) {
                fields.put("data", utf8(Base64.getEncoder().encodeToString(Notepack.encode(data))));
            } else {
                fields.put("data", JSON.writeValueAsBytes(data));
            }
        }
        return fields;
    }

    /**
     * A message read from the stream.
     *
     * @throws IllegalArgumentException when the fields are not such a message
     */
    public static ClusterMessage fromStreamFields(Map<String, byte[]> fields) {
        String uid = string(fields.get("uid"));
        String nsp = string(fields.get("nsp"));
        String typeText = string(fields.get("type"));
        if (uid == null || nsp == null || typeText == null) {
            throw new IllegalArgumentException("a stream entry without uid, nsp or type");
        }
        Type type;
        try {
            type = Type.fromCode(Integer.parseInt(typeText.trim()));
        } catch (NumberFormatException e) {
            type = null;
        }
        if (type == null) {
            throw new IllegalArgumentException("unknown message type " + typeText);
        }
        byte[] raw = fields.get("data");
        JsonNode data = null;
        if (raw != null && raw.length > 0) {
            try {
                data = raw[0] == '{' ? JSON.readTree(raw) : Notepack.decode(Base64.getDecoder().decode(raw));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("undecodable data: " + e.getMessage(), e);
            }
        }
        return new ClusterMessage(uid, nsp, type, data);
    }

    /** The MessagePack of {@code {type, data?, uid, nsp}}, for pub/sub. */
    public static byte[] toMsgpack(ClusterMessage message) {
        return Notepack.encode(tree(message));
    }

    private static ObjectNode tree(ClusterMessage message) {
        ObjectNode node = NODES.objectNode();
        node.put("type", message.type().code());
        if (message.data() != null) {
            node.set("data", message.data());
        }
        node.put("uid", message.uid());
        node.put("nsp", message.nsp());
        return node;
    }

    /**
     * A message read from pub/sub.
     *
     * @throws IllegalArgumentException when the bytes are not such a message
     */
    public static ClusterMessage fromMsgpack(byte[] bytes) {
        return fromTree(Notepack.decode(bytes));
    }

    /**
     * {@code message} as {@code @socket.io/redis-adapter} 8.3's sharded adapter publishes it: the MessagePack
     * of {@code {type, data?, uid, nsp}} when its type may carry binary and its data holds some, else that
     * object's JSON text.
     */
    public static byte[] toJsonOrMsgpack(ClusterMessage message) {
        return MAY_CONTAIN_BINARY.contains(message.type()) && hasBinary(message.data()) ? toMsgpack(message)
                : JSON.writeValueAsBytes(tree(message));
    }

    /**
     * A message of the sharded adapter: JSON when its first byte is <code>{</code>, else MessagePack.
     *
     * @throws IllegalArgumentException when the bytes are not such a message
     */
    public static ClusterMessage fromJsonOrMsgpack(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("undecodable JSON: " + e.getMessage(), e);
            }
            return fromTree(node);
        }
        return fromMsgpack(bytes);
    }

    private static ClusterMessage fromTree(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a cluster message {type, data, uid, nsp}");
        }
        JsonNode typeNode = node.get("type");
        Type type = typeNode != null && typeNode.isIntegralNumber() ? Type.fromCode(typeNode.intValue()) : null;
        if (!node.isObject() || type == null || !node.path("uid").isString() || !node.path("nsp").isString()) {
            throw new IllegalArgumentException("not a cluster message {type, data, uid, nsp}");
        }
        JsonNode data = node.get("data");
        return new ClusterMessage(node.get("uid").stringValue(), node.get("nsp").stringValue(), type,
                data == null || data.isNull() ? null : data);
    }

    /** Whether a tree holds a binary value anywhere (Node's {@code hasBinary}). */
    public static boolean hasBinary(@Nullable JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBinary() || node instanceof POJONode pojo && (pojo.getPojo() instanceof byte[]
                || pojo.getPojo() instanceof ByteBuffer)) {
            return true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (hasBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String string(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
