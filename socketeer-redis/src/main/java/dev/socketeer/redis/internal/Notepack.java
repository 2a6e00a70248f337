package dev.socketeer.redis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * MessagePack of JSON trees, byte for byte as {@code notepack.io} (the default parser of Node's
 * {@code @socket.io/redis-adapter}) writes and reads it:
 * <ul>
 *   <li>integers in the smallest int format (positive fixint, uint 8/16/32/64, negative fixint,
 *       int 8/16/32/64); every other number as float 64; a double without fraction (and {@code -0}) is an
 *       integer, as JavaScript has one number type (outside the int 64 / uint 64 ranges, where notepack
 *       writes a corrupt integer, we write the float 64);</li>
 *   <li>strings as fixstr / str 8 / 16 / 32; binary ({@link BinaryNode}, or a {@link POJONode} holding
 *       {@code byte[]} / {@link ByteBuffer}) as bin 8 / 16 / 32 (a Node {@code Buffer});</li>
 *   <li>objects as maps in key order; arrays; {@code null} as nil.</li>
 * </ul>
 * notepack 3 (the version {@code @socket.io/redis-adapter} 8.3 installs) writes {@code undefined} as nil
 * (and leaves out object keys whose value is {@code undefined}), an {@code ArrayBuffer} or typed array as
 * bin, and a {@code Date} as the MessagePack timestamp extension (type -1; 32, 64 or 96 bits). Reading
 * takes these and notepack's older extensions: a timestamp, or a legacy {@code Date} (fixext 8, type 0),
 * becomes its ISO-8601 string as {@code Date.toJSON} writes it (which is what a Node server sends a
 * client); a legacy {@code undefined} (fixext 1, type 0) becomes {@code null} in an array and an absent
 * key in an object, as {@code JSON.stringify} treats it; a legacy {@code ArrayBuffer} (ext 8/16/32,
 * type 0) becomes binary; other extensions become {@code [type, <binary>]} as notepack returns them.
 *
 * <p>Stateless; safe from any thread.
 */
public final class Notepack {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Deeper than any real message, far from overflowing a thread's stack. */
    private static final int MAX_DEPTH = 1000;
    private static final double TWO_POW_63 = 0x1p63;
    private static final double TWO_POW_64 = 0x1p64;

    private Notepack() {}

    /** Encodes a tree ({@code null} is nil). */
    public static byte[] encode(@Nullable JsonNode value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one value to {@code packer}. */
    public static void write(MessagePacker packer, @Nullable JsonNode value) throws IOException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            packer.packNil();
        } else if (value.isBoolean()) {
            packer.packBoolean(value.booleanValue());
        } else if (value.isString()) {
            packer.packString(value.stringValue());
        } else if (value.isNumber()) {
            writeNumber(packer, value);
        } else if (value.isArray()) {
            packer.packArrayHeader(value.size());
            for (JsonNode element : value) {
                write(packer, element);
            }
        } else if (value.isObject()) {
            packer.packMapHeader(value.size());
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                packer.packString(property.getKey());
                write(packer, property.getValue());
            }
        } else {
            byte[] bytes = bytesOf(value);
            if (bytes == null) {
                throw new IllegalArgumentException("cannot encode a " + value.getNodeType() + " node");
            }
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        }
    }

    private static void writeNumber(MessagePacker packer, JsonNode value) throws IOException {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            packer.packLong(value.longValue());
            return;
        }
        double d = value.doubleValue();
        if (Double.isFinite(d) && d == Math.floor(d) && d >= -TWO_POW_63 && d < TWO_POW_64) {
            if (d >= TWO_POW_63) {
                packer.packBigInteger(new java.math.BigDecimal(d).toBigInteger()); // uint 64
            } else {
                packer.packLong((long) d); // also -0.0, which notepack writes as 0
            }
        } else {
            // notepack writes integral numbers outside the 64-bit ranges as corrupt int 64s; we keep the value
            packer.packDouble(d);
        }
    }

    private static byte @Nullable [] bytesOf(JsonNode node) {
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

    /**
     * Decodes one value that must fill {@code bytes} exactly (notepack rejects trailing bytes too).
     *
     * @throws IllegalArgumentException when the bytes are not such a value
     */
    public static JsonNode decode(byte[] bytes) {
        try (MessageUnpacker unpacker = new MessagePack.UnpackerConfig().withStringSizeLimit(bytes.length).newUnpacker(bytes)) {
            JsonNode value = read(unpacker, bytes.length, 0);
            if (unpacker.hasNext()) {
                throw new IllegalArgumentException((bytes.length - unpacker.getTotalReadBytes()) + " trailing bytes");
            }
            return value == null ? NODES.nullNode() : value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not notepack MessagePack: " + e.getMessage(), e);
        }
    }

    /**
     * One value, or {@code null} for JavaScript's {@code undefined}. A length beyond the {@code total} bytes
     * or nesting deeper than {@link #MAX_DEPTH} is refused before anything is allocated or recursed into:
     * six bytes must not make us allocate 2 GB, nor a deep array overflow the stack.
     */
    private static @Nullable JsonNode read(MessageUnpacker unpacker, int total, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        MessageFormat format = unpacker.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL -> {
                unpacker.unpackNil();
                return NODES.nullNode();
            }
            case BOOLEAN -> {
                return NODES.booleanNode(unpacker.unpackBoolean());
            }
            case INTEGER -> {
                if (format == MessageFormat.UINT64) {
                    java.math.BigInteger big = unpacker.unpackBigInteger();
                    return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big.doubleValue());
                }
                long v = unpacker.unpackLong();
                return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
            }
            case FLOAT -> {
                return NODES.numberNode(unpacker.unpackDouble());
            }
            case STRING -> {
                return NODES.stringNode(unpacker.unpackString()); // no longer than the message: the unpacker's limit
            }
            case BINARY -> {
                int length = unpacker.unpackBinaryHeader();
                return NODES.binaryNode(unpacker.readPayload(fits(unpacker, length, total)));
            }
            case ARRAY -> {
                int size = fits(unpacker, unpacker.unpackArrayHeader(), total); // at least a byte per element
                ArrayNode array = NODES.arrayNode(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    JsonNode element = read(unpacker, total, depth + 1);
                    array.add(element == null ? NODES.nullNode() : element);
                }
                return array;
            }
            case MAP -> {
                int size = fits(unpacker, unpacker.unpackMapHeader(), total);
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < size; i++) {
                    JsonNode key = read(unpacker, total, depth + 1);
                    JsonNode element = read(unpacker, total, depth + 1);
                    if (element != null) { // undefined: JSON.stringify drops the key
                        object.set(key == null ? "undefined" : keyOf(key), element);
                    }
                }
                return object;
            }
            case EXTENSION -> {
                return readExtension(unpacker, format, total);
            }
            default -> throw new IllegalArgumentException("unexpected MessagePack format " + format);
        }
    }

    /** {@code length}, when that many bytes (or elements) can still follow in a message of {@code total} bytes. */
    private static int fits(MessageUnpacker unpacker, int length, int total) {
        long left = total - unpacker.getTotalReadBytes();
        if (length < 0 || length > left) {
            throw new IllegalArgumentException("a length of " + Integer.toUnsignedLong(length) + " with " + left + " bytes left");
        }
        return length;
    }

    /** The MessagePack timestamp extension's payload (4, 8 or 12 bytes), or {@code null}. */
    private static @Nullable Instant timestamp(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        switch (payload.length) {
            case 4 -> {
                return Instant.ofEpochSecond(Integer.toUnsignedLong(buffer.getInt()));
            }
            case 8 -> {
                long word = buffer.getLong();
                return Instant.ofEpochSecond(word & 0x3ffffffffL, word >>> 34);
            }
            case 12 -> {
                long nanos = Integer.toUnsignedLong(buffer.getInt());
                return Instant.ofEpochSecond(buffer.getLong(), nanos);
            }
            default -> {
                return null;
            }
        }
    }

    private static String keyOf(JsonNode key) {
        return key.isString() ? key.stringValue() : key.toString();
    }

    private static @Nullable JsonNode readExtension(MessageUnpacker unpacker, MessageFormat format, int total) throws IOException {
        var header = unpacker.unpackExtensionTypeHeader();
        byte extType = header.getType();
        byte[] payload = unpacker.readPayload(fits(unpacker, header.getLength(), total));
        boolean variableLength = format == MessageFormat.EXT8 || format == MessageFormat.EXT16
                || format == MessageFormat.EXT32;
        if (format == MessageFormat.FIXEXT1 && extType == 0) {
            return null; // undefined
        }
        if (format == MessageFormat.FIXEXT8 && extType == 0) {
            long millis = ByteBuffer.wrap(payload).getLong();
            return NODES.stringNode(ISO.format(Instant.ofEpochMilli(millis)));
        }
        if (variableLength && extType == 0) {
            return NODES.binaryNode(payload); // ArrayBuffer
        }
        if (extType == -1) {
            Instant time = timestamp(payload);
            if (time != null) {
                return NODES.stringNode(ISO.format(time));
            }
        }
        ArrayNode pair = NODES.arrayNode(2);
        pair.add(extType);
        pair.add(NODES.binaryNode(payload));
        return pair;
    }
}
