package dev.socketeer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;

class PacketDecoderTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final PacketDecoder decoder = new PacketDecoder();

    private static JsonNode json(String json) {
        return MAPPER.readTree(json);
    }

    private void assertRejects(String text, String message) {
        assertThatThrownBy(() -> decoder.decodeText(text)).isInstanceOf(ParseException.class).hasMessage(message);
    }

    // --- valid packets from the protocol docs

    @Test
    void decodesEventInMainNamespace() throws ParseException {
        assertThat(decoder.decodeText("2[\"hello\",1]"))
                .isEqualTo(new Packet(PacketType.EVENT, "/", json("[\"hello\",1]"), null));
    }

    @Test
    void decodesEventInCustomNamespace() throws ParseException {
        assertThat(decoder.decodeText("2/admin,[\"bye\"]"))
                .isEqualTo(new Packet(PacketType.EVENT, "/admin", json("[\"bye\"]"), null));
    }

    @Test
    void decodesEventWithAckId() throws ParseException {
        assertThat(decoder.decodeText("212[\"foo\"]"))
                .isEqualTo(new Packet(PacketType.EVENT, "/", json("[\"foo\"]"), 12));
    }

    @Test
    void decodesAckWithNamespaceAndId() throws ParseException {
        assertThat(decoder.decodeText("3/admin,13[\"bar\"]"))
                .isEqualTo(new Packet(PacketType.ACK, "/admin", json("[\"bar\"]"), 13));
    }

    @Test
    void decodesConnectWithAuthObject() throws ParseException {
        assertThat(decoder.decodeText("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"))
                .isEqualTo(new Packet(PacketType.CONNECT, "/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"), null));
    }

    @Test
    void decodesConnectWithoutPayload() throws ParseException {
        assertThat(decoder.decodeText("0")).isEqualTo(new Packet(PacketType.CONNECT, "/", null, null));
        assertThat(decoder.decodeText("0/admin,")).isEqualTo(new Packet(PacketType.CONNECT, "/admin", null, null));
    }

    @Test
    void decodesDisconnect() throws ParseException {
        assertThat(decoder.decodeText("1/admin,")).isEqualTo(new Packet(PacketType.DISCONNECT, "/admin", null, null));
        assertThat(decoder.decodeText("1")).isEqualTo(new Packet(PacketType.DISCONNECT, "/", null, null));
    }

    @Test
    void readsNamespaceToEndOfTextWhenThereIsNoComma() throws ParseException {
        assertThat(decoder.decodeText("1/admin")).isEqualTo(new Packet(PacketType.DISCONNECT, "/admin", null, null));
    }

    @Test
    void decodesConnectErrorWithObjectOrString() throws ParseException {
        assertThat(decoder.decodeText("4{\"message\":\"Not authorized\"}").data())
                .isEqualTo(json("{\"message\":\"Not authorized\"}"));
        assertThat(decoder.decodeText("4\"Not authorized\"").data()).isEqualTo(json("\"Not authorized\""));
    }

    @Test
    void decodesAckWithEmptyArray() throws ParseException {
        assertThat(decoder.decodeText("30[]")).isEqualTo(new Packet(PacketType.ACK, "/", json("[]"), 0));
    }

    @Test
    void acceptsLargestIntAckId() throws ParseException {
        assertThat(decoder.decodeText("32147483647[]").ackId()).isEqualTo(Integer.MAX_VALUE);
    }

    // --- type and header

    @Test
    void rejectsEmptyPacket() {
        assertRejects("", "empty packet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7[\"a\"]", "9", "a", "-1", " 2[\"a\"]", "{}", "\u0000"})
    void rejectsUnknownPacketType(String text) {
        assertThatThrownBy(() -> decoder.decodeText(text)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("unknown packet type");
    }

    @Test
    void rejectsMoreThanTenAttachments() {
        assertRejects("511-[\"a\"]", "at most 10 attachments");
        assertRejects("51234567890123-[\"a\"]", "at most 10 attachments");
        assertRejects("6" + "9".repeat(5000) + "-1[]", "at most 10 attachments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5abc-[\"a\"]", "5[\"a\"]", "5-[\"a\"]", "51[\"a\"]", "5", "51", "5 1-[\"a\"]", "5+1-[\"a\"]", "6-1-1[]"})
    void rejectsMalformedOrMissingAttachmentCount(String text) {
        assertRejects(text, "illegal attachments");
    }

    @Test
    void rejectsAckIdThatOverflowsInt() {
        assertRejects("32147483648[]", "invalid ack id");
        assertRejects("2" + "1".repeat(40) + "[\"a\"]", "invalid ack id");
    }

    @Test
    void rejectsAckWithoutAckId() {
        assertRejects("3[\"bar\"]", "missing ack id");
        assertRejects("3/admin,[]", "missing ack id");
        assertRejects("3", "missing ack id");
    }

    @Test
    void rejectsAckIdOnConnectDisconnectAndConnectError() {
        assertRejects("01{}", "unexpected ack id");
        assertRejects("1/admin,1", "unexpected ack id");
        assertRejects("41{\"message\":\"x\"}", "unexpected ack id");
    }

    @Test
    void rejectsTextLongerThanConfiguredMax() throws ParseException {
        PacketDecoder small = new PacketDecoder(MAPPER, 10);
        assertThat(small.decodeText("2[\"12345\"]")).isNotNull();
        assertThatThrownBy(() -> small.decodeText("2[\"123456\"]")).isInstanceOf(ParseException.class)
                .hasMessage("packet longer than 10 chars");
    }

    @Test
    void rejectsNonPositiveMaxLengthAtConstruction() {
        assertThatThrownBy(() -> new PacketDecoder(MAPPER, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTextLength");
    }

    // --- JSON

    @ParameterizedTest
    @ValueSource(strings = {"2[\"a\"", "2[\"a\"]x", "2[\"a\"] [1]", "2['a']", "2[\"a\",NaN]", "2 ", "0{\"a\":1}}", "2/admin,[\"a,b\"]x"})
    void rejectsInvalidOrTrailingJson(String text) {
        assertRejects(text, "invalid JSON payload");
    }

    // --- payload per type

    @ParameterizedTest
    @ValueSource(strings = {"0[]", "0\"x\"", "0null", "0/admin,true"})
    void rejectsConnectWithNonObjectPayload(String text) {
        assertRejects(text, "invalid payload: CONNECT expects an object");
    }

    @Test
    void rejectsDisconnectWithPayload() {
        assertRejects("1{}", "invalid payload: DISCONNECT expects none");
        assertRejects("1/admin,null", "invalid payload: DISCONNECT expects none");
    }

    @Test
    void rejectsConnectErrorWithoutStringOrObject() {
        assertRejects("4", "invalid payload: CONNECT_ERROR expects a string or an object");
        assertRejects("4[]", "invalid payload: CONNECT_ERROR expects a string or an object");
        assertRejects("4null", "invalid payload: CONNECT_ERROR expects a string or an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2/admin,", "2[]", "2{}", "2\"hello\"", "2null", "2[null]", "2[[\"a\"]]", "2[{}]"})
    void rejectsEventWithoutEventName(String text) {
        assertRejects(text, "invalid payload: EVENT expects an array starting with the event name");
    }

    @Test
    void acceptsNumericEventNameAsSocketIoParserDoes() throws ParseException {
        assertThat(decoder.decodeText("2[1,\"a\"]").data()).isEqualTo(json("[1,\"a\"]"));
        assertThat(decoder.decodeText("2[1.5]").data()).isEqualTo(json("[1.5]"));
    }

    @Test
    void rejectsPacketWithNonStringNonNumericEventName() {
        assertRejects("2[true]", "invalid payload: EVENT expects an array starting with the event name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"})
    void rejectsReservedEventNames(String name) {
        assertRejects("2[\"" + name + "\"]", "invalid payload: reserved event name '" + name + "'");
        assertRejects("51-[\"" + name + "\",{\"_placeholder\":true,\"num\":0}]",
                "invalid payload: reserved event name '" + name + "'");
    }

    @Test
    void acceptsEventNamesThatOnlyResembleReservedOnes() throws ParseException {
        assertThat(decoder.decodeText("2[\"Connect\"]")).isNotNull();
        assertThat(decoder.decodeText("2[\"disconnected\"]")).isNotNull();
    }

    @Test
    void rejectsAckWithNonArrayPayload() {
        assertRejects("31{}", "invalid payload: ACK expects an array");
        assertRejects("31\"x\"", "invalid payload: ACK expects an array");
        assertRejects("31", "invalid payload: ACK expects an array");
    }

    // --- binary reconstruction

    @Test
    void reconstructsBinaryEventOnceLastAttachmentArrives() throws ParseException {
        assertThat(decoder.decodeText("52-[\"hello\",{\"_placeholder\":true,\"num\":1},{\"x\":[{\"_placeholder\":true,\"num\":0}]}]"))
                .isNull();
        assertThat(decoder.isReconstructing()).isTrue();
        assertThat(decoder.decodeBinary(new byte[] {1})).isNull();
        Packet packet = decoder.decodeBinary(new byte[] {2});

        assertThat(packet.type()).isEqualTo(PacketType.EVENT);
        assertThat(packet.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] {2}));
        assertThat(packet.data().get(2).get("x").get(0)).isEqualTo(BinaryNode.valueOf(new byte[] {1}));
        assertThat(decoder.isReconstructing()).isFalse();
    }

    @Test
    void reconstructsBinaryAckInNamespace() throws ParseException {
        assertThat(decoder.decodeText("61-/admin,456[{\"_placeholder\":true,\"num\":0}]")).isNull();
        Packet packet = decoder.decodeBinary(new byte[] {7, 8});
        assertThat(packet).isEqualTo(new Packet(PacketType.ACK, "/admin",
                MAPPER.createArrayNode().add(BinaryNode.valueOf(new byte[] {7, 8})), 456));
    }

    @Test
    void rejectsBinaryPacketDeclaringZeroAttachmentsAsSocketIoParserDoes() throws ParseException {
        assertRejects("50-[\"a\"]", "illegal attachments");
        assertThat(decoder.isReconstructing()).isFalse();
        assertThat(decoder.decodeText("2[\"b\"]")).isNotNull();
    }

    @Test
    void acceptsTenAttachments() throws ParseException {
        assertThat(decoder.decodeText("510-[\"a\"]")).isNull();
        for (int i = 0; i < 9; i++) {
            assertThat(decoder.decodeBinary(new byte[] {(byte) i})).isNull();
        }
        assertThat(decoder.decodeBinary(new byte[0])).isNotNull();
    }

    @Test
    void toleratesAttachmentsWithoutPlaceholderAndDropsThem() throws ParseException {
        assertThat(decoder.decodeText("52-[\"a\",{\"_placeholder\":true,\"num\":1}]")).isNull();
        decoder.decodeBinary(new byte[] {1});
        Packet packet = decoder.decodeBinary(new byte[] {2});
        assertThat(packet.data()).isEqualTo(MAPPER.createArrayNode().add("a").add(BinaryNode.valueOf(new byte[] {2})));
        assertThat(decoder.isReconstructing()).isFalse();
        assertThatThrownBy(() -> decoder.decodeBinary(new byte[] {3})).isInstanceOf(ParseException.class)
                .hasMessage("got binary data when not reconstructing a packet");
    }

    @Test
    void rejectsTextWhileAwaitingAttachments() throws ParseException {
        decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertRejects("2[\"b\"]", "got plaintext data when reconstructing a packet");
        assertThat(decoder.isReconstructing()).isFalse();
    }

    @Test
    void rejectsBinaryWhenNoneAwaited() {
        assertThatThrownBy(() -> decoder.decodeBinary(new byte[] {1})).isInstanceOf(ParseException.class)
                .hasMessage("got binary data when not reconstructing a packet");
    }

    @Test
    void resetDropsPartialPacket() throws ParseException {
        decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        decoder.reset();
        assertThat(decoder.isReconstructing()).isFalse();
        assertThat(decoder.decodeText("2[\"b\"]")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"_placeholder\":true,\"num\":\"0\"}",
        "{\"_placeholder\":true,\"num\":0.0}",
        "{\"_placeholder\":true,\"num\":0.5}",
        "{\"_placeholder\":true,\"num\":null}",
        "{\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":0,\"extra\":1}",
        "{\"_placeholder\":true,\"num\":99999999999999999999}"
    })
    void rejectsMalformedPlaceholder(String placeholder) {
        assertRejects("51-[\"a\"," + placeholder + "]", "illegal attachment placeholder");
        assertThat(decoder.isReconstructing()).isFalse();
    }

    @Test
    void rejectsPlaceholderNumOutOfRange() {
        assertRejects("51-[\"a\",{\"_placeholder\":true,\"num\":1}]", "attachment placeholder num 1 out of range [0, 1)");
        assertRejects("52-[\"a\",{\"_placeholder\":true,\"num\":-1}]", "attachment placeholder num -1 out of range [0, 2)");
    }

    @Test
    void leavesObjectsThatAreNotPlaceholdersAlone() throws ParseException {
        String data = "[\"a\",{\"_placeholder\":false,\"num\":5},{\"_placeholder\":\"true\"}]";
        assertThat(decoder.decodeText("51-" + data)).isNull();
        assertThat(decoder.decodeBinary(new byte[] {1}).data()).isEqualTo(json(data));
        // placeholders in a plain EVENT are data, as in Node
        String plain = "[\"a\",{\"_placeholder\":true,\"num\":0}]";
        assertThat(decoder.decodeText("2" + plain).data()).isEqualTo(json(plain));
    }

    @Test
    void neverThrowsAnythingButParseExceptionOnGarbage() {
        Random random = new Random(42);
        String alphabet = "0123456-/,[]{}\":_placeholdrnumtf.e\\ \u00e9";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            PacketDecoder fresh = new PacketDecoder();
            try {
                if (fresh.decodeText(text.toString()) == null) {
                    fresh.decodeBinary(new byte[] {1});
                }
            } catch (ParseException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void rejectsDeeplyNestedJsonAsParseError() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> decoder.decodeText("2[\"a\"," + deep + "]")).isInstanceOf(ParseException.class);
    }
}
