package dev.socketeer.core.adapter;

import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket as Node's cluster adapters send it to another node in a {@code fetchSockets} answer:
 * {@code {id, handshake: {headers, time, address, xdomain, secure, issued, url, query, auth}, rooms, data}}
 * (its handshake without {@code sessionStore}; headers one string per name; a query value a string or, when
 * repeated, an array of strings), and back into a {@link RemoteSocket}. For cluster transports: the
 * {@link ClusterAdapter} protocol and the Redis adapter's own format both write sockets this way.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SocketTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SocketTrees() {
    }

    /** A socket of this node for another node; {@code data} turns the socket's data into a tree. */
    public static ObjectNode write(RemoteSocket socket, Function<Map<String, Object>, JsonNode> data) {
        ObjectNode node = NODES.objectNode();
        node.put("id", socket.id());
        node.set("handshake", handshake(socket.handshake()));
        ArrayNode rooms = node.putArray("rooms");
        socket.rooms().forEach(rooms::add);
        node.set("data", data.apply(socket.data()));
        return node;
    }

    /** A socket of another node, as {@code context} represents remote sockets. */
    public static RemoteSocket read(AdapterContext context, JsonNode socket) {
        return context.remoteSocket(socket.path("id").asString(""), readHandshake(socket.path("handshake")),
                strings(socket.get("rooms")), readData(socket.path("data")));
    }

    /** Node's {@code socket.handshake} without {@code sessionStore}, as {@code JSON.stringify} writes it. */
    public static ObjectNode handshake(Handshake h) {
        ObjectNode handshake = NODES.objectNode();
        ObjectNode headers = handshake.putObject("headers");
        h.headers().forEach(headers::put);
        handshake.put("time", h.time());
        handshake.put("address", h.address());
        handshake.put("xdomain", h.xdomain());
        handshake.put("secure", h.secure());
        handshake.put("issued", h.issued());
        handshake.put("url", h.url());
        ObjectNode query = handshake.putObject("query");
        h.queryValues().forEach((name, values) -> {
            if (values.size() == 1) {
                query.put(name, values.get(0));
            } else {
                ArrayNode array = query.putArray(name);
                values.forEach(array::add);
            }
        });
        handshake.set("auth", h.auth() == null ? NODES.objectNode() : h.auth());
        return handshake;
    }

    /** The handshake of a socket of another node (missing parts empty). */
    public static Handshake readHandshake(JsonNode h) {
        JsonNode auth = h.get("auth");
        return new Handshake(lists(h.path("headers")), h.path("time").asString(""), h.path("address").asString(""),
                h.path("xdomain").asBoolean(false), h.path("secure").asBoolean(false), h.path("issued").asLong(0),
                h.path("url").asString(""), lists(h.path("query")), auth == null ? NODES.objectNode() : auth);
    }

    /** Room names; Node rooms may be numbers, matched by their decimal form. */
    public static Set<String> strings(@Nullable JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (JsonNode value : array) {
                values.add(value.isString() ? value.stringValue() : value.toString());
            }
        }
        return values;
    }

    /** An object's properties as a map of trees (a socket's {@code data}). */
    public static Map<String, Object> readData(JsonNode node) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                data.put(property.getKey(), property.getValue());
            }
        }
        return data;
    }

    private static Map<String, List<String>> lists(JsonNode object) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (object.isObject()) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                List<String> values = new ArrayList<>();
                if (property.getValue().isArray()) {
                    property.getValue().forEach(v -> values.add(v.asString("")));
                } else {
                    values.add(property.getValue().asString(""));
                }
                map.put(property.getKey(), values);
            }
        }
        return map;
    }
}
