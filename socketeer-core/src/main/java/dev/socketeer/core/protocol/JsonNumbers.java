package dev.socketeer.core.protocol;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.FloatNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Non-finite numbers (infinity, what a client's {@code 1e400} decodes to, and NaN) are written as {@code null},
 * as JavaScript's {@code JSON.stringify} writes them; Jackson alone would write the string {@code "Infinity"}.
 *
 * <p>Stateless; safe to use from any thread.
 */
final class JsonNumbers {
    private JsonNumbers() {}

    static boolean isNonFinite(JsonNode node) {
        return (node instanceof DoubleNode || node instanceof FloatNode) && !Double.isFinite(node.doubleValue());
    }

    /** {@code node} itself when it holds no non-finite number, else a copy in which only the containers on a path to one are new. */
    static JsonNode finite(JsonNode node) {
        if (isNonFinite(node)) {
            return NullNode.getInstance();
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0, n = array.size(); i < n; i++) {
                JsonNode replaced = finite(array.get(i));
                if (replaced != array.get(i)) {
                    if (copy == null) {
                        copy = JsonNodeFactory.instance.arrayNode(n).addAll(array);
                    }
                    copy.set(i, replaced);
                }
            }
            return copy == null ? array : copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode replaced = finite(property.getValue());
                if (replaced != property.getValue()) {
                    if (copy == null) {
                        copy = JsonNodeFactory.instance.objectNode().setAll(object);
                    }
                    copy.set(property.getKey(), replaced);
                }
            }
            return copy == null ? object : copy;
        }
        return node;
    }
}
