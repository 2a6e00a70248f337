package dev.socketeer.core.adapter;

import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * The value trees of {@link ClusterMessage} data as Node's {@code ClusterAdapter} writes them: packets
 * {@code {type, data, nsp, id?}}, options {@code {rooms, except, flags}} and the sockets of a
 * {@code fetchSockets} answer {@code {id, handshake, rooms, data}}. Stateless; safe from any thread.
 */
final class ClusterTrees {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private ClusterTrees() {
    }

    /**
     * {@code {type, data}}: what Node's {@code BroadcastOperator} hands its adapter (the in-memory adapter
     * adds {@code nsp} and an ack id only after the cluster adapter published it); binary packets keep the
     * plain type, as in Node.
     */
    static ObjectNode packet(Packet packet) {
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
        return node;
    }

    /**
     * A packet {@code {type, data, ...}} of another node, for {@code namespace} (Node's in-memory adapter
     * sets the namespace itself; an {@code nsp} or {@code id} on the wire is ignored).
     *
     * @throws IllegalArgumentException when it has no known type
     */
    static Packet readPacket(JsonNode node, String namespace) {
        JsonNode typeNode = node.get("type");
        PacketType type = typeNode != null && typeNode.isIntegralNumber() ? PacketType.fromCode(typeNode.intValue()) : null;
        if (type == null) {
            throw new IllegalArgumentException("packet type " + typeNode);
        }
        JsonNode data = node.get("data");
        return new Packet(type, namespace, data == null || data.isNull() ? null : data, null);
    }

    /** {@code {rooms, except, flags}}; the flags are those Node's {@code BroadcastOperator} would have set. */
    static ObjectNode options(BroadcastOptions options) {
        ObjectNode opts = NODES.objectNode();
        ArrayNode rooms = opts.putArray("rooms");
        options.rooms().forEach(rooms::add);
        ArrayNode except = opts.putArray("except");
        options.except().forEach(except::add);
        ObjectNode flags = opts.putObject("flags");
        BroadcastFlags f = options.flags();
        if (!f.compress()) {
            flags.put("compress", false);
        }
        if (f.volatile_()) {
            flags.put("volatile", true);
        }
        if (f.timeout() != null) {
            flags.put("timeout", f.timeout().toMillis());
        }
        return opts;
    }

    /** The options of a message, to apply on this node only ({@code local}), keeping volatile and compress. */
    static BroadcastOptions readOptions(JsonNode opts) {
        BroadcastFlags flags = BroadcastFlags.NONE.withLocal();
        JsonNode flagsNode = opts.path("flags");
        if (flagsNode.path("volatile").asBoolean(false)) {
            flags = flags.withVolatile();
        }
        JsonNode compress = flagsNode.get("compress");
        if (compress != null && compress.isBoolean() && !compress.booleanValue()) {
            flags = flags.withCompress(false);
        }
        return new BroadcastOptions(strings(opts.get("rooms")), strings(opts.get("except")), flags);
    }

    /** Room names; Node rooms may be numbers, matched by their decimal form. */
    static Set<String> strings(@Nullable JsonNode array) {
        return SocketTrees.strings(array);
    }

    static ArrayNode array(Set<String> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }

    /** A socket of this node for another node, as Node writes it ({@link SocketTrees}); binary data stays binary. */
    static ObjectNode socket(RemoteSocket socket) {
        return SocketTrees.write(socket, ClusterTrees::data);
    }

    /** A socket's data as a tree (binary values stay binary). */
    static JsonNode data(Map<String, Object> data) {
        ObjectNode node = NODES.objectNode();
        data.forEach((key, value) -> node.set(key, value(value)));
        return node;
    }

    static JsonNode value(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode tree) {
            return tree;
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        JsonNode tree = JSON.valueToTree(value);
        return tree instanceof POJONode ? NODES.stringNode(String.valueOf(value)) : tree;
    }

    /** A socket of another node. */
    static RemoteSocket readSocket(AdapterContext context, JsonNode socket) {
        return SocketTrees.read(context, socket);
    }
}
