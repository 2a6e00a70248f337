package dev.socketeer.redis.internal;

import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A broadcast as {@code @socket.io/redis-adapter} 8.x publishes it on {@code <key>#<nsp>#} (or
 * {@code <key>#<nsp>#<room>#} when it targets exactly one room): the notepack encoding of
 * {@code [uid, {type, data, nsp}, {rooms: [...], except: [...], flags: {...}}]}.
 *
 * <p>Immutable; safe to share across threads.
 *
 * @param uid the sending node
 * @param packet the packet (EVENT, with binary values in place)
 * @param options the selection and flags
 */
public record BroadcastMessage(String uid, Packet packet, BroadcastOptions options) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The bytes Node's adapter would publish for this broadcast. */
    public byte[] encode() {
        ArrayNode message = NODES.arrayNode(3);
        message.add(uid);
        message.add(packetNode(packet));
        ObjectNode opts = message.addObject();
        ArrayNode rooms = opts.putArray("rooms");
        options.rooms().forEach(rooms::add);
        ArrayNode except = opts.putArray("except");
        options.except().forEach(except::add);
        opts.set("flags", flagsNode(options.flags()));
        return Notepack.encode(message);
    }

    /** {@code {type, data, nsp}} in Node's key order; binary packets keep the plain type, as in Node. */
    public static ObjectNode packetNode(Packet packet) {
        ObjectNode node = NODES.objectNode();
        PacketType type = switch (packet.type()) {
            case BINARY_EVENT -> PacketType.EVENT;
            case BINARY_ACK -> PacketType.ACK;
            default -> packet.type();
        };
        node.put("type", type.code());
        if (packet.data() != null) {
            node.set("data", packet.data());
        }
        node.put("nsp", packet.namespace());
        if (packet.ackId() != null) {
            node.put("id", packet.ackId());
        }
        return node;
    }

    /** The flags Node's {@code BroadcastOperator} would carry: only those that were set. */
    public static ObjectNode flagsNode(BroadcastFlags flags) {
        ObjectNode node = NODES.objectNode();
        if (!flags.compress()) {
            node.put("compress", false);
        }
        if (flags.volatile_()) {
            node.put("volatile", true);
        }
        if (flags.timeout() != null) {
            node.put("timeout", flags.timeout().toMillis());
        }
        return node;
    }

    /**
     * Reads a published broadcast.
     *
     * @throws IllegalArgumentException when the bytes are not a broadcast of this shape
     */
    public static BroadcastMessage decode(byte[] bytes) {
        JsonNode message = Notepack.decode(bytes);
        if (!message.isArray() || message.size() < 3 || !message.get(1).isObject() || !message.get(2).isObject()) {
            throw new IllegalArgumentException("not [uid, packet, opts]");
        }
        String uid = message.get(0).asString();
        return new BroadcastMessage(uid, readPacket(message.get(1)), readOptions(message.get(2)));
    }

    /** A packet {@code {type, data, nsp, id?}}; a missing {@code nsp} is {@code "/"}, as in Node. */
    public static Packet readPacket(JsonNode node) {
        JsonNode typeNode = node.get("type");
        PacketType type = typeNode != null && typeNode.isIntegralNumber() ? PacketType.fromCode(typeNode.intValue()) : null;
        if (type == null) {
            throw new IllegalArgumentException("packet type " + typeNode);
        }
        JsonNode nsp = node.get("nsp");
        String namespace = nsp == null || nsp.isNull() ? "/" : nsp.asString();
        JsonNode id = node.get("id");
        Integer ackId = id != null && id.isIntegralNumber() ? id.intValue() : null;
        JsonNode data = node.get("data");
        return new Packet(type, namespace, data == null || data.isNull() ? null : data, ackId);
    }

    static BroadcastOptions readOptions(JsonNode opts) {
        BroadcastFlags flags = BroadcastFlags.NONE;
        JsonNode flagsNode = opts.path("flags");
        if (flagsNode.path("volatile").asBoolean(false)) {
            flags = flags.withVolatile();
        }
        JsonNode compress = flagsNode.get("compress");
        if (compress != null && compress.isBoolean() && !compress.booleanValue()) {
            flags = flags.withCompress(false);
        }
        return new BroadcastOptions(roomSet(opts.get("rooms")), roomSet(opts.get("except")), flags);
    }

    /** Room names; Node rooms may be numbers, which it matches by their decimal form as we do. */
    public static Set<String> roomSet(@Nullable JsonNode array) {
        Set<String> rooms = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (JsonNode room : array) {
                rooms.add(room.isString() ? room.stringValue() : room.toString());
            }
        }
        return rooms;
    }
}
