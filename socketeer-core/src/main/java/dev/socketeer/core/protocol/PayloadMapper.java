package dev.socketeer.core.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Converts application values to and from packet payload trees, keeping binary as binary:
 * {@code byte[]} and {@link ByteBuffer} values anywhere in a value (inside POJOs, records, maps,
 * collections) become {@link BinaryNode}s, which {@link PacketEncoder} sends as attachments, and
 * BinaryNodes convert back to {@code byte[]} / {@code ByteBuffer} fields.
 *
 * <p>(Jackson 3 on its own turns a {@code byte[]} into a POJO node and cannot tree a
 * {@code ByteBuffer} at all.) In JSON text the same values are still written as base64 strings.
 *
 * <p>Immutable and thread safe.
 */
public final class PayloadMapper {
    private final JsonMapper mapper;

    /** A payload mapper over a default {@link JsonMapper}. */
    public PayloadMapper() {
        this(JsonMapper.builder().build());
    }

    /** A payload mapper over a copy of {@code base} with the binary serializers added. */
    public PayloadMapper(JsonMapper base) {
        Objects.requireNonNull(base, "base");
        SimpleModule binary = new SimpleModule("socketeer-binary")
                .addSerializer(byte[].class, new BytesSerializer())
                .addSerializer(ByteBuffer.class, new ByteBufferSerializer());
        this.mapper = base.rebuild().addModule(binary).build();
    }

    /** The mapper used, with binary support; also suitable for {@link PacketEncoder} and {@link PacketDecoder}. */
    public JsonMapper mapper() {
        return mapper;
    }

    /**
     * The tree of {@code value}, with binary as {@link BinaryNode}s; {@code null} gives
     * {@link NullNode}.
     *
     * @throws tools.jackson.core.JacksonException if the value cannot be serialized
     */
    public JsonNode toTree(@Nullable Object value) {
        JsonNode tree = mapper.valueToTree(value);
        return tree == null ? NullNode.getInstance() : tree;
    }

    /**
     * Converts {@code tree} to {@code type}.
     *
     * @throws tools.jackson.core.JacksonException if the tree does not fit the type
     */
    public <T> @Nullable T fromTree(JsonNode tree, Class<T> type) {
        return mapper.treeToValue(tree, type);
    }

    /** Converts {@code tree} to a generic {@code type}, as {@link #fromTree(JsonNode, Class)}. */
    public <T> @Nullable T fromTree(JsonNode tree, JavaType type) {
        return mapper.treeToValue(tree, type);
    }

    /** Converts {@code tree} to a generic {@code type}, as {@link #fromTree(JsonNode, Class)}. */
    public <T> @Nullable T fromTree(JsonNode tree, TypeReference<T> type) {
        return mapper.treeToValue(tree, type);
    }

    /** Writes bytes as a BinaryNode: kept as a node when building a tree, base64 in JSON text. */
    private static final class BytesSerializer extends StdSerializer<byte[]> {
        BytesSerializer() {
            super(byte[].class);
        }

        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializationContext context) {
            gen.writeTree(BinaryNode.valueOf(value));
        }
    }

    /** Writes the remaining bytes of a buffer, without moving its position. */
    private static final class ByteBufferSerializer extends StdSerializer<ByteBuffer> {
        ByteBufferSerializer() {
            super(ByteBuffer.class);
        }

        @Override
        public void serialize(ByteBuffer value, JsonGenerator gen, SerializationContext context) {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            gen.writeTree(BinaryNode.valueOf(bytes));
        }
    }
}
