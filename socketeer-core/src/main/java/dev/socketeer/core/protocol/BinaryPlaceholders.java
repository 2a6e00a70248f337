package dev.socketeer.core.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Swaps binary values for {@code {"_placeholder":true,"num":N}} objects and back, numbering them
 * depth first in serialization order, as socket.io-parser's {@code deconstructPacket} does.
 *
 * <p>Stateless; safe to use from any thread.
 */
final class BinaryPlaceholders {
    static final String PLACEHOLDER = "_placeholder";
    static final String NUM = "num";

    private BinaryPlaceholders() {}

    /**
     * Returns {@code node} itself when it holds no binary (nothing copied), else a copy in which only
     * the containers on a path to binary are new and every binary value became a placeholder whose
     * bytes were appended to {@code out}.
     */
    static JsonNode extract(JsonNode node, List<byte[]> out) {
        byte[] bytes = bytesOf(node);
        if (bytes != null) {
            out.add(bytes);
            return placeholder(out.size() - 1);
        }
        if (node instanceof ArrayNode array) {
            return extractArray(array, out);
        }
        if (node instanceof ObjectNode object) {
            return extractObject(object, out);
        }
        return node;
    }

    private static JsonNode extractArray(ArrayNode array, List<byte[]> out) {
        ArrayNode copy = null;
        for (int i = 0, n = array.size(); i < n; i++) {
            JsonNode child = array.get(i);
            JsonNode replaced = extract(child, out);
            if (replaced != child) {
                if (copy == null) {
                    // shallow: subtrees without binary are shared with the caller's tree, never mutated
                    copy = JsonNodeFactory.instance.arrayNode(n).addAll(array);
                }
                copy.set(i, replaced);
            }
        }
        return copy == null ? array : copy;
    }

    private static JsonNode extractObject(ObjectNode object, List<byte[]> out) {
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            JsonNode replaced = extract(property.getValue(), out);
            if (replaced != property.getValue()) {
                if (copy == null) {
                    copy = JsonNodeFactory.instance.objectNode().setAll(object);
                }
                copy.set(property.getKey(), replaced); // an existing key keeps its position
            }
        }
        return copy == null ? object : copy;
    }

    /** The bytes of a binary value: a BinaryNode, or a POJONode wrapping byte[] / ByteBuffer. */
    private static byte[] bytesOf(JsonNode node) {
        if (node instanceof BinaryNode binary) {
            return binary.binaryValue();
        }
        if (node instanceof POJONode pojo) {
            Object value = pojo.getPojo();
            if (value instanceof byte[] bytes) {
                return bytes;
            }
            if (value instanceof ByteBuffer buffer) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                return bytes;
            }
        }
        return null;
    }

    private static ObjectNode placeholder(int num) {
        ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
        placeholder.put(PLACEHOLDER, true);
        placeholder.put(NUM, num);
        return placeholder;
    }

    /**
     * Checks every placeholder in a decoded tree (any object whose {@code _placeholder} is
     * {@code true}) and, when {@code attachments} is given, replaces it in place by its BinaryNode.
     * Returns the node to use instead of {@code node}.
     */
    static JsonNode resolve(JsonNode node, int count, List<byte[]> attachments) throws ParseException {
        if (node instanceof ArrayNode array) {
            for (int i = 0, n = array.size(); i < n; i++) {
                JsonNode child = array.get(i);
                JsonNode resolved = resolve(child, count, attachments);
                if (resolved != child) {
                    array.set(i, resolved);
                }
            }
        } else if (node instanceof ObjectNode object) {
            JsonNode flag = object.get(PLACEHOLDER);
            if (flag != null && flag.isBoolean() && flag.booleanValue()) {
                int num = placeholderNum(object, count);
                return attachments == null ? object : BinaryNode.valueOf(attachments.get(num));
            }
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode resolved = resolve(property.getValue(), count, attachments);
                if (resolved != property.getValue()) {
                    object.set(property.getKey(), resolved); // same key: not a structural change
                }
            }
        }
        return node;
    }

    private static int placeholderNum(ObjectNode placeholder, int count) throws ParseException {
        JsonNode num = placeholder.get(NUM);
        if (placeholder.size() != 2 || num == null || !num.isIntegralNumber() || !num.canConvertToInt()) {
            throw new ParseException("illegal attachment placeholder");
        }
        int value = num.intValue();
        if (value < 0 || value >= count) {
            throw new ParseException("attachment placeholder num " + value + " out of range [0, " + count + ")");
        }
        return value;
    }
}
