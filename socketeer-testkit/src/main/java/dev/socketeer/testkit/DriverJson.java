package dev.socketeer.testkit;

import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for the driver protocol: Java values to JSON with {@code byte[]} written as the
 * {@code {"$bin":"<base64>"}} marker, and back. Immutable; safe from any thread.
 */
final class DriverJson {

    static final String BIN = "$bin";

    static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("socketeer-bin-marker").addSerializer(byte[].class, new MarkerSerializer()))
            .build();

    private DriverJson() {}

    /** Converts maps, lists, arrays, strings, numbers, records, {@code byte[]} (anywhere) and JsonNodes to a tree. */
    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static boolean isBinary(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.path(BIN).isString();
    }

    static byte[] bytes(JsonNode marker) {
        if (!isBinary(marker)) throw new IllegalArgumentException("marker: not a {\"$bin\":...} object: " + marker);
        return Base64.getDecoder().decode(marker.get(BIN).stringValue());
    }

    static ObjectNode marker(byte[] bytes) {
        return MAPPER.createObjectNode().put(BIN, Base64.getEncoder().encodeToString(bytes));
    }

    private static final class MarkerSerializer extends ValueSerializer<byte[]> {
        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject();
            gen.writeName(BIN);
            gen.writeString(Base64.getEncoder().encodeToString(value));
            gen.writeEndObject();
        }
    }
}
