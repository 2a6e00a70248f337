package dev.socketeer.core.internal;

import dev.socketeer.core.protocol.PayloadMapper;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Builds the JSON arrays of EVENT and ACK packets from application values, and checks event names.
 * Thread safe.
 */
final class EventPayloads {
    /** Node's {@code RESERVED_EVENTS} of the socket (and broadcast operator). */
    private static final Set<String> RESERVED_SOCKET_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    /** Node's {@code RESERVED_EVENTS} of the namespace ({@code serverSideEmit}). */
    private static final Set<String> RESERVED_NAMESPACE_EVENTS = Set.of("connect", "connection", "new_namespace");

    private final PayloadMapper mapper;

    EventPayloads(PayloadMapper mapper) {
        this.mapper = mapper;
    }

    PayloadMapper mapper() {
        return mapper;
    }

    /** {@code [event, ...args]}, refusing reserved names. */
    ArrayNode event(String event, List<?> args) {
        return eventArray(event, args, RESERVED_SOCKET_EVENTS);
    }

    /** {@code [event, ...args]} for {@code serverSideEmit}, refusing the namespace's reserved names. */
    ArrayNode serverSideEvent(String event, List<?> args) {
        return eventArray(event, args, RESERVED_NAMESPACE_EVENTS);
    }

    private ArrayNode eventArray(String event, List<?> args, Set<String> reserved) {
        requireEventName(event, reserved);
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.size() + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(toNode(arg));
        }
        return data;
    }

    /** The arguments of an ACK packet. */
    ArrayNode ack(Object[] args) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
        for (Object arg : args) {
            data.add(toNode(arg));
        }
        return data;
    }

    JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        return value instanceof JsonNode ? (JsonNode) value : mapper.toTree(value);
    }

    /** The arguments of {@code [event, ...args]} without the event name. */
    static ArrayNode argsOf(JsonNode eventData) {
        ArrayNode args = JsonNodeFactory.instance.arrayNode(Math.max(0, eventData.size() - 1));
        for (int i = 1; i < eventData.size(); i++) {
            args.add(eventData.get(i));
        }
        return args;
    }

    private static void requireEventName(String event, Set<String> reserved) {
        if (event == null) {
            throw new NullPointerException("event");
        }
        if (reserved.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }
}
