package dev.socketeer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class PacketRoundTripTest {
    private final PacketEncoder encoder = new PacketEncoder();
    private final PacketDecoder decoder = new PacketDecoder();

    @ParameterizedTest
    @ValueSource(strings = {
        "2[\"hello\",1]",
        "2/admin,[\"bye\"]",
        "212[\"foo\",{\"a\":[1,2.5,null,true]}]",
        "3/admin,13[\"bar\"]",
        "30[]",
        "0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}",
        "0",
        "1/admin,",
        "4{\"message\":\"Not authorized\"}",
        "4/admin,\"Not authorized\"",
        "2/a/b,[\"ünïcödé \\\"quoted\\\" \\\\ \\u0001\"]"
    })
    void reencodesTextFixturesIdentically(String wire) throws ParseException {
        Packet decoded = decoder.decodeText(wire);
        assertThat(encoder.encode(decoded).text()).isEqualTo(wire);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "51-[\"hello\",{\"_placeholder\":true,\"num\":0}]",
        "61-/admin,456[{\"_placeholder\":true,\"num\":0}]",
        "53-/chat,7[\"up\",{\"f\":[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]},{\"_placeholder\":true,\"num\":2}]"
    })
    void reencodesBinaryFixturesIdentically(String wire) throws ParseException {
        assertThat(decoder.decodeText(wire)).isNull();
        int count = wire.charAt(1) - '0';
        Packet decoded = null;
        for (int i = 0; i < count; i++) {
            decoded = decoder.decodeBinary(new byte[] {(byte) i, 42});
        }

        EncodedPacket encoded = encoder.encode(decoded);

        assertThat(encoded.text()).isEqualTo(wire);
        assertThat(encoded.attachments()).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(encoded.attachments().get(i)).containsExactly((byte) i, 42);
        }
    }

    @Test
    void decodesWhatItEncodesWithNestedBinary() throws ParseException {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        obj.set("deep", JsonNodeFactory.instance.arrayNode().add(BinaryNode.valueOf(new byte[] {1, 2, 3})));
        obj.put("n", 1);
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add("file").add(obj).add(BinaryNode.valueOf(new byte[0]));
        Packet original = new Packet(PacketType.EVENT, "/uploads", data, 99);

        EncodedPacket encoded = encoder.encode(original);
        assertThat(decoder.decodeText(encoded.text())).isNull();
        assertThat(decoder.decodeBinary(encoded.attachments().get(0))).isNull();
        Packet decoded = decoder.decodeBinary(encoded.attachments().get(1));

        assertThat(decoded).isEqualTo(original);
        JsonNode first = decoded.data().get(1).get("deep").get(0);
        assertThat(first.binaryValue()).containsExactly(1, 2, 3);
    }
}
