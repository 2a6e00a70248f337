package dev.socketeer.redis.internal;

import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket in a {@code REMOTE_FETCH} response of {@code @socket.io/redis-adapter}:
 * {@code {id, handshake: {headers, time, address, xdomain, secure, issued, url, query, auth}, rooms, data}},
 * as Node's {@code JSON.stringify} writes it (headers with one string per name, query values a string or,
 * when repeated, an array of strings).
 *
 * <p>Stateless; safe from any thread.
 */
public final class SocketJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SocketJson() {}

    /** The JSON of a local socket, for another node. */
    public static ObjectNode write(RemoteSocket socket, JsonMapper mapper) {
        ObjectNode node = NODES.objectNode();
        node.put("id", socket.id());
        Handshake h = socket.handshake();
        ObjectNode handshake = node.putObject("handshake");
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
        ArrayNode rooms = node.putArray("rooms");
        socket.rooms().forEach(rooms::add);
        node.set("data", mapper.valueToTree(socket.data()));
        return node;
    }

    /** The id of a socket in a response. */
    public static String id(JsonNode socket) {
        return socket.path("id").asString("");
    }

    /** The handshake of a socket in a response (missing parts empty). */
    public static Handshake handshake(JsonNode socket) {
        JsonNode h = socket.path("handshake");
        JsonNode auth = h.get("auth");
        return new Handshake(lists(h.path("headers")), h.path("time").asString(""), h.path("address").asString(""),
                h.path("xdomain").asBoolean(false), h.path("secure").asBoolean(false), h.path("issued").asLong(0),
                h.path("url").asString(""), lists(h.path("query")), auth == null ? NODES.objectNode() : auth);
    }

    /** The rooms of a socket in a response. */
    public static Set<String> rooms(JsonNode socket) {
        Set<String> rooms = new LinkedHashSet<>();
        socket.path("rooms").forEach(room -> rooms.add(room.isString() ? room.stringValue() : room.toString()));
        return rooms;
    }

    /** The {@code data} of a socket in a response: its properties as JSON trees. */
    public static Map<String, Object> data(JsonNode socket) {
        Map<String, Object> data = new LinkedHashMap<>();
        JsonNode node = socket.path("data");
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
