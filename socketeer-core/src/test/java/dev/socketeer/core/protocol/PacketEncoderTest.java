package dev.socketeer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

class PacketEncoderTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PacketEncoder encoder = new PacketEncoder();

    private static JsonNode json(String json) {
        return MAPPER.readTree(json);
    }

    private static BinaryNode bin(String s) {
        return BinaryNode.valueOf(s.getBytes(StandardCharsets.UTF_8));
    }

    private EncodedPacket encode(PacketType type, String nsp, JsonNode data, Integer ackId) {
        return encoder.encode(new Packet(type, nsp, data, ackId));
    }

    @Test
    void encodesEventInMainNamespace() {
        EncodedPacket encoded = encode(PacketType.EVENT, "/", json("[\"hello\",1]"), null);
        assertThat(encoded.text()).isEqualTo("2[\"hello\",1]");
        assertThat(encoded.attachments()).isEmpty();
    }

    @Test
    void writesNamespaceFollowedByCommaWhenNotMain() {
        assertThat(encode(PacketType.EVENT, "/admin", json("[\"bye\"]"), null).text()).isEqualTo("2/admin,[\"bye\"]");
    }

    @Test
    void writesAckIdAfterNamespace() {
        assertThat(encode(PacketType.ACK, "/admin", json("[\"bar\"]"), 13).text()).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(encode(PacketType.EVENT, "/", json("[\"foo\"]"), 12).text()).isEqualTo("212[\"foo\"]");
    }

    /** Found by fuzzing: Jackson wrote them raw, and UTF-8 turned them into '?'. */
    @Test
    void escapesLoneSurrogatesAsJavaScriptDoesAndKeepsPairs() {
        ArrayNode args = JsonNodeFactory.instance.arrayNode().add("cut \ud83d").add("\ude00 low, pair \ud83d\ude00")
                .add(JsonNodeFactory.instance.objectNode().put("k\udbff", "\ud800\ud800"));
        String text = encode(PacketType.EVENT, "/", args, null).text();
        assertThat(text).isEqualTo("2[\"cut \\ud83d\",\"\\ude00 low, pair \ud83d\ude00\",{\"k\\udbff\":\"\\ud800\\ud800\"}]");
    }

    /** Found by fuzzing: a client's 1e400 decodes to Infinity, which Jackson wrote as the string "Infinity". */
    @Test
    void writesNonFiniteNumbersAsNullAsJavaScriptDoes() {
        ArrayNode args = JsonNodeFactory.instance.arrayNode().add("n").add(Double.POSITIVE_INFINITY)
                .add(JsonNodeFactory.instance.objectNode().put("a", Float.NaN).put("b", 1.5));
        assertThat(encode(PacketType.EVENT, "/", args, null).text()).isEqualTo("2[\"n\",null,{\"a\":null,\"b\":1.5}]");
        assertThat(args.get(1).isDouble()).as("the caller's tree is not modified").isTrue();
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", "m");
        error.putObject("data").put("limit", Double.NEGATIVE_INFINITY);
        assertThat(encode(PacketType.CONNECT_ERROR, "/", error, null).text()).isEqualTo("4{\"message\":\"m\",\"data\":{\"limit\":null}}");
    }

    @Test
    void encodesConnectWithAuthAndWithout() {
        assertThat(encode(PacketType.CONNECT, "/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"), null).text())
                .isEqualTo("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        assertThat(encode(PacketType.CONNECT, "/", null, null).text()).isEqualTo("0");
    }

    @Test
    void encodesDisconnectWithNothingAfterNamespace() {
        assertThat(encode(PacketType.DISCONNECT, "/admin", null, null).text()).isEqualTo("1/admin,");
        assertThat(encode(PacketType.DISCONNECT, "/", null, null).text()).isEqualTo("1");
    }

    @Test
    void encodesConnectError() {
        assertThat(encode(PacketType.CONNECT_ERROR, "/", json("{\"message\":\"Not authorized\"}"), null).text())
                .isEqualTo("4{\"message\":\"Not authorized\"}");
    }

    @Test
    void writesNothingForJsonNullPayload() {
        assertThat(encode(PacketType.CONNECT, "/", NullNode.getInstance(), null).text()).isEqualTo("0");
    }

    @Test
    void encodesEventWithBinaryAsBinaryEvent() {
        ArrayNode data = NODES.arrayNode().add("hello").add(bin("abc"));
        EncodedPacket encoded = encode(PacketType.EVENT, "/", data, null);
        assertThat(encoded.text()).isEqualTo("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(encoded.attachments()).containsExactly("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesAckWithBinaryAsBinaryAck() {
        ArrayNode data = NODES.arrayNode().add(bin("x"));
        EncodedPacket encoded = encode(PacketType.ACK, "/admin", data, 456);
        assertThat(encoded.text()).isEqualTo("61-/admin,456[{\"_placeholder\":true,\"num\":0}]");
        assertThat(encoded.attachments()).hasSize(1);
    }

    @Test
    void encodesNestedBinaryAsPlaceholdersInDepthFirstOrder() {
        ObjectNode inner = NODES.objectNode();
        inner.set("a", bin("1"));
        inner.set("list", NODES.arrayNode().add(bin("2")).add(NODES.arrayNode().add(bin("3"))));
        inner.put("plain", 7);
        inner.set("b", bin("4"));
        ArrayNode data = NODES.arrayNode().add("ev").add(inner).add(bin("5"));

        EncodedPacket encoded = encode(PacketType.EVENT, "/", data, null);

        assertThat(encoded.text()).isEqualTo("55-[\"ev\",{\"a\":{\"_placeholder\":true,\"num\":0},"
                + "\"list\":[{\"_placeholder\":true,\"num\":1},[{\"_placeholder\":true,\"num\":2}]],"
                + "\"plain\":7,\"b\":{\"_placeholder\":true,\"num\":3}},{\"_placeholder\":true,\"num\":4}]");
        assertThat(encoded.attachments()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void writesBinaryTypedPacketWithoutBinaryAsPlainType() {
        assertThat(encode(PacketType.BINARY_EVENT, "/", json("[\"a\"]"), null).text()).isEqualTo("2[\"a\"]");
        assertThat(encode(PacketType.BINARY_ACK, "/", json("[]"), 3).text()).isEqualTo("33[]");
    }

    @Test
    void doesNotMutateInputTree() {
        ObjectNode obj = NODES.objectNode();
        obj.set("bin", bin("z"));
        ArrayNode data = NODES.arrayNode().add("ev").add(obj);
        JsonNode before = data.deepCopy();

        encode(PacketType.EVENT, "/", data, 1);

        assertThat(data).isEqualTo(before);
        assertThat(data.get(1).get("bin")).isInstanceOf(BinaryNode.class);
    }

    @Test
    void sharesTreeWithoutBinaryInsteadOfCopying() {
        ArrayNode data = NODES.arrayNode().add("ev").add(NODES.objectNode().put("k", "v"));
        assertThat(BinaryPlaceholders.extract(data, new java.util.ArrayList<>())).isSameAs(data);
    }

    @Test
    void treatsPojoNodesWrappingBytesAsBinary() {
        ArrayNode data = NODES.arrayNode().add("ev")
                .add(new POJONode(new byte[] {1}))
                .add(new POJONode(ByteBuffer.wrap(new byte[] {9, 2, 3}, 1, 2)));
        EncodedPacket encoded = encode(PacketType.EVENT, "/", data, null);
        assertThat(encoded.text()).startsWith("52-");
        assertThat(encoded.attachments()).containsExactly(new byte[] {1}, new byte[] {2, 3});
    }

    @Test
    void leavesBinaryInNonEventPacketsAsJson() {
        ObjectNode auth = NODES.objectNode();
        auth.set("token", bin("t"));
        EncodedPacket encoded = encode(PacketType.CONNECT, "/", auth, null);
        assertThat(encoded.text()).isEqualTo("0{\"token\":\"dA==\"}");
        assertThat(encoded.attachments()).isEmpty();
    }

    @Test
    void encodedBinaryPacketYieldsTextThenAttachmentMessages() {
        EncodedPacket encoded = encode(PacketType.EVENT, "/", NODES.arrayNode().add("e").add(bin("a")).add(bin("b")), null);
        assertThat(encoded.toEngineMessages()).hasSize(3);
    }

    @Test
    void rejectsInvalidNamespaceNegativeAckIdAndAckWithoutId() {
        assertThatThrownBy(() -> encode(PacketType.EVENT, "admin", json("[\"a\"]"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> encode(PacketType.EVENT, "/a,b", json("[\"a\"]"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> encode(PacketType.EVENT, "/", json("[\"a\"]"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackId");
        assertThatThrownBy(() -> encode(PacketType.ACK, "/", json("[]"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackId");
    }

    @Test
    void usesGivenMapperForSerialization() {
        PacketEncoder custom = new PacketEncoder(JsonMapper.builder().build());
        assertThat(custom.encode(Packet.of(PacketType.EVENT, "/", json("[\"é\u2028\"]"))).text())
                .isEqualTo("2[\"é\u2028\"]");
    }
}
