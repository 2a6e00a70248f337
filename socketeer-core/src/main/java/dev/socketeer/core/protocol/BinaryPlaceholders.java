package dev.socketeer.core.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
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
     * bytes were appended to {@code out}. The same walk turns non-finite numbers into {@code null}
     * ({@link JsonNumbers}).
     */
    static JsonNode extract(JsonNode node, List<byte[]> out) {
        if (JsonNumbers.isNonFinite(node)) {
            return NullNode.getInstance();
        }
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
     * Returns the node to use instead of {@code node}. Walks without recursion: an application's mapper may
     * lift Jackson's nesting limit, and a client's tree must not overflow the stack.
     */
    static JsonNode resolve(JsonNode node, int count, List<byte[]> attachments) throws ParseException {
        if (isPlaceholder(node)) {
            return replacement((ObjectNode) node, count, attachments);
        }
        ArrayDeque<JsonNode> containers = new ArrayDeque<>();
        if (node.isContainer()) {
            containers.push(node);
        }
        while (!containers.isEmpty()) {
            JsonNode container = containers.pop();
            if (container instanceof ArrayNode array) {
                for (int i = 0, n = array.size(); i < n; i++) {
                    JsonNode child = array.get(i);
                    if (isPlaceholder(child)) {
                        JsonNode resolved = replacement((ObjectNode) child, count, attachments);
                        if (resolved != child) {
                            array.set(i, resolved);
                        }
                    } else if (child.isContainer()) {
                        containers.push(child);
                    }
                }
            } else {
                ObjectNode object = (ObjectNode) container;
                for (Map.Entry<String, JsonNode> property : object.properties()) {
                    JsonNode child = property.getValue();
                    if (isPlaceholder(child)) {
                        JsonNode resolved = replacement((ObjectNode) child, count, attachments);
                        if (resolved != child) {
                            object.set(property.getKey(), resolved); // same key: not a structural change
                        }
                    } else if (child.isContainer()) {
                        containers.push(child);
                    }
                }
            }
        }
        return node;
    }

    private static boolean isPlaceholder(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return false;
        }
        JsonNode flag = object.get(PLACEHOLDER);
        return flag != null && flag.isBoolean() && flag.booleanValue();
    }

    /** The checked placeholder itself, or its attachment when they are given. */
    private static JsonNode replacement(ObjectNode placeholder, int count, List<byte[]> attachments) throws ParseException {
        int num = placeholderNum(placeholder, count);
        return attachments == null ? placeholder : BinaryNode.valueOf(attachments.get(num));
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
