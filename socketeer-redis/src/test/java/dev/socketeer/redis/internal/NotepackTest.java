package dev.socketeer.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.NodeScript;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Notepack} against the real {@code notepack.io} that {@code @socket.io/redis-adapter} installs
 * ({@code compat/notepack-vectors.js}): every value Java can produce encodes to the same bytes, and every
 * encoding (also of Dates, {@code undefined} and typed arrays) decodes to the JSON a Node server would send.
 */
class NotepackTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void encodesByteForByteAsNotepackAndDecodesWhatNotepackWrites() {
        JsonNode vectors = JsonMapper.builder().build()
                .readTree(NodeScript.run("notepack-vectors.js", List.of(), Duration.ofSeconds(30)));
        assertThat(vectors.size()).isGreaterThan(50);
        for (JsonNode vector : vectors) {
            JsonNode value = withBinary(vector.get("value"));
            byte[] bytes = HexFormat.of().parseHex(vector.get("hex").asString());
            String what = abbreviate(vector.get("value").toString()) + " = " + abbreviate(vector.get("hex").asString());
            if (!vector.get("decodeOnly").asBoolean()) {
                assertThat(HexFormat.of().formatHex(Notepack.encode(value))).as("encode " + what)
                        .isEqualTo(vector.get("hex").asString());
            }
            JsonNode decoded = Notepack.decode(bytes);
            assertThat(numbersAsDoubles(decoded)).as("decode " + what).isEqualTo(numbersAsDoubles(value));
        }
    }

    @Test
    void aDoubleWithoutFractionIsAnIntegerAsInJavaScript() {
        assertThat(Notepack.encode(NODES.numberNode(2.0))).containsExactly(0x02);
        assertThat(Notepack.encode(NODES.numberNode(-0.0))).containsExactly(0x00);
        assertThat(Notepack.encode(NODES.numberNode(Double.NaN))[0]).isEqualTo((byte) 0xcb);
    }

    @Test
    void legacyExtensionsOfOlderNotepackAreRead() {
        // notepack 2: undefined as fixext 1 type 0, Date as fixext 8 type 0 (milliseconds), ArrayBuffer as ext 8 type 0
        assertThat(Notepack.decode(HexFormat.of().parseHex("92d4000001")).toString()).isEqualTo("[null,1]");
        assertThat(Notepack.decode(HexFormat.of().parseHex("81a175d40000")).toString()).isEqualTo("{}");
        assertThat(Notepack.decode(HexFormat.of().parseHex("d700000000000000007b")).asString())
                .isEqualTo("1970-01-01T00:00:00.123Z");
        assertThat(Notepack.decode(HexFormat.of().parseHex("c702000102")).binaryValue()).containsExactly(1, 2);
    }

    @Test
    void malformedInputIsRejectedWithIllegalArgumentException() {
        assertThatThrownBy(() -> Notepack.decode(new byte[] {(byte) 0x92, 0x01})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notepack.decode(new byte[] {0x01, 0x02})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> Notepack.decode(new byte[] {(byte) 0xc1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notepack.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthsBeyondTheMessageAreRejectedBeforeAnythingIsAllocated() {
        byte[][] claims = {
            {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // bin 32 of 2 GB
            {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x61}, // str 32 of 2 GB
            {(byte) 0xc9, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}, // ext 32 of 2 GB
            {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}, // array 32 of 2^31 elements
            {(byte) 0xdf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // map 32 of 2^32 entries
        };
        for (byte[] claim : claims) {
            assertThatThrownBy(() -> Notepack.decode(claim)).as(HexFormat.of().formatHex(claim))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nestingDeeperThanAThousandLevelsIsRejectedWithoutOverflowingTheStack() {
        byte[] deep = new byte[200_000];
        java.util.Arrays.fill(deep, (byte) 0x91); // [[[[...
        assertThatThrownBy(() -> Notepack.decode(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 1000");
        byte[] fine = new byte[1001];
        java.util.Arrays.fill(fine, (byte) 0x91);
        fine[1000] = (byte) 0xc0;
        assertThat(Notepack.decode(fine).isArray()).isTrue();
    }

    /** Replaces the driver's {@code {"$bin": base64}} markers by binary nodes. */
    private static JsonNode withBinary(JsonNode node) {
        if (NodeDriver.isBinary(node)) {
            return NODES.binaryNode(NodeDriver.bytes(node));
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(withBinary(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                copy.set(property.getKey(), withBinary(property.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** JSON numbers compare by value, whatever node class holds them. */
    private static JsonNode numbersAsDoubles(JsonNode node) {
        if (node.isNumber()) {
            return NODES.numberNode(node.doubleValue());
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(numbersAsDoubles(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                copy.set(property.getKey(), numbersAsDoubles(property.getValue()));
            }
            return copy;
        }
        return node;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
