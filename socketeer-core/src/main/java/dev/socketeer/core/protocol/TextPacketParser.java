package dev.socketeer.core.protocol;

import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Parses one text packet {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]} and checks
 * its payload per type. Binary placeholders are left for {@link BinaryPlaceholders}.
 *
 * <p>Stateless; safe to use from any thread.
 */
final class TextPacketParser {
    /** Event names with a meaning of their own on the client or server, as in socket.io-parser. */
    static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    /** The packet as written (BINARY_ types kept) and its declared attachment count. */
    record Result(Packet packet, int attachments) {}

    private TextPacketParser() {}

    static Result parse(String text, int maxLength, ObjectReader reader) throws ParseException {
        int length = text.length();
        if (length == 0) {
            throw new ParseException("empty packet");
        }
        if (length > maxLength) {
            throw new ParseException("packet longer than " + maxLength + " chars");
        }
        char first = text.charAt(0);
        PacketType type = isDigit(first) ? PacketType.fromCode(first - '0') : null;
        if (type == null) {
            throw new ParseException("unknown packet type '" + first + "'");
        }
        int i = 1;

        int attachments = 0;
        if (type.isBinary()) {
            int start = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i == length || text.charAt(i) != '-') {
                throw new ParseException("illegal attachments");
            }
            for (int d = start; d < i; d++) {
                attachments = attachments * 10 + (text.charAt(d) - '0');
                if (attachments > PacketDecoder.MAX_ATTACHMENTS) { // checked per digit, so never overflows
                    throw new ParseException("at most " + PacketDecoder.MAX_ATTACHMENTS + " attachments");
                }
            }
            if (attachments == 0) { // socket.io-parser: "Illegal attachments" below 1
                throw new ParseException("illegal attachments");
            }
            i++;
        }

        String namespace = "/";
        if (i < length && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? length : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? length : comma + 1;
        }

        Integer ackId = null;
        if (i < length && isDigit(text.charAt(i))) {
            long id = 0;
            do {
                id = id * 10 + (text.charAt(i++) - '0');
                if (id > Integer.MAX_VALUE) {
                    throw new ParseException("invalid ack id");
                }
            } while (i < length && isDigit(text.charAt(i)));
            ackId = (int) id;
        }
        boolean isAck = type == PacketType.ACK || type == PacketType.BINARY_ACK;
        boolean isEvent = type == PacketType.EVENT || type == PacketType.BINARY_EVENT;
        if (ackId == null && isAck) {
            throw new ParseException("missing ack id");
        }
        if (ackId != null && !isAck && !isEvent) {
            throw new ParseException("unexpected ack id");
        }

        JsonNode data = i < length ? readJson(text.substring(i), reader) : null;
        checkPayload(type, data);
        return new Result(new Packet(type, namespace, data, ackId), attachments);
    }

    /** Reads with a reader that fails on trailing tokens, whatever the mapper's configuration. */
    private static JsonNode readJson(String json, ObjectReader reader) throws ParseException {
        JsonNode data;
        try {
            data = reader.readTree(json);
        } catch (JacksonException e) {
            throw new ParseException("invalid JSON payload", e);
        }
        if (data == null || data.isMissingNode()) { // blank input
            throw new ParseException("invalid JSON payload");
        }
        return data;
    }

    /** The types' payload rules of socket.io-parser's isPayloadValid, but requiring a payload where one is due. */
    private static void checkPayload(PacketType type, JsonNode data) throws ParseException {
        switch (type) {
            case CONNECT -> {
                if (data != null && !data.isObject()) {
                    throw new ParseException("invalid payload: CONNECT expects an object");
                }
            }
            case DISCONNECT -> {
                if (data != null) {
                    throw new ParseException("invalid payload: DISCONNECT expects none");
                }
            }
            case CONNECT_ERROR -> {
                if (data == null || !(data.isString() || data.isObject())) {
                    throw new ParseException("invalid payload: CONNECT_ERROR expects a string or an object");
                }
            }
            case EVENT, BINARY_EVENT -> {
                // a number is a valid event name in socket.io-parser (emitted under its string form)
                if (data == null || !data.isArray() || data.isEmpty() || !(data.get(0).isString() || data.get(0).isNumber())) {
                    throw new ParseException("invalid payload: EVENT expects an array starting with the event name");
                }
                if (data.get(0).isString() && RESERVED_EVENTS.contains(data.get(0).stringValue())) {
                    throw new ParseException("invalid payload: reserved event name '" + data.get(0).stringValue() + "'");
                }
            }
            case ACK, BINARY_ACK -> {
                if (data == null || !data.isArray()) {
                    throw new ParseException("invalid payload: ACK expects an array");
                }
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
