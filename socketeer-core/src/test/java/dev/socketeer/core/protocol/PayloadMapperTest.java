package dev.socketeer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.NullNode;

class PayloadMapperTest {
    record Upload(String name, byte[] content) {}

    record Chunk(int index, ByteBuffer bytes) {}

    private final PayloadMapper payloads = new PayloadMapper();

    @Test
    void turnsByteArrayFieldOfRecordIntoBinaryNode() {
        JsonNode tree = payloads.toTree(new Upload("a.txt", new byte[] {1, 2}));
        assertThat(tree.get("name").stringValue()).isEqualTo("a.txt");
        assertThat(tree.get("content")).isEqualTo(BinaryNode.valueOf(new byte[] {1, 2}));
    }

    @Test
    void turnsByteBufferInsideMapIntoBinaryNodeWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7});
        buffer.position(1);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("buf", buffer);
        map.put("direct", ByteBuffer.allocateDirect(2));

        JsonNode tree = payloads.toTree(map);

        assertThat(tree.get("buf")).isEqualTo(BinaryNode.valueOf(new byte[] {8, 7}));
        assertThat(tree.get("direct")).isEqualTo(BinaryNode.valueOf(new byte[2]));
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void turnsBytesInListsAndTopLevelIntoBinaryNodes() {
        assertThat(payloads.toTree(new byte[] {5})).isEqualTo(BinaryNode.valueOf(new byte[] {5}));
        assertThat(payloads.toTree(List.of("x", new byte[] {6})).get(1)).isEqualTo(BinaryNode.valueOf(new byte[] {6}));
    }

    @Test
    void turnsNullIntoNullNode() {
        assertThat(payloads.toTree(null)).isEqualTo(NullNode.getInstance());
    }

    @Test
    void turnsBinaryNodesBackIntoByteArrayAndByteBufferFields() {
        Upload upload = payloads.fromTree(payloads.toTree(new Upload("f", new byte[] {3, 4})), Upload.class);
        assertThat(upload.content()).containsExactly(3, 4);

        Chunk chunk = payloads.fromTree(payloads.toTree(new Chunk(2, ByteBuffer.wrap(new byte[] {7}))), Chunk.class);
        assertThat(chunk.index()).isEqualTo(2);
        assertThat(chunk.bytes()).isEqualTo(ByteBuffer.wrap(new byte[] {7}));
    }

    @Test
    void convertsToGenericTypes() {
        JsonNode tree = payloads.toTree(List.of(new Upload("a", new byte[] {1})));
        List<Upload> viaReference = payloads.fromTree(tree, new TypeReference<List<Upload>>() {});
        assertThat(viaReference.get(0).content()).containsExactly(1);

        List<Upload> viaJavaType = payloads.fromTree(tree,
                payloads.mapper().getTypeFactory().constructCollectionType(List.class, Upload.class));
        assertThat(viaJavaType.get(0).name()).isEqualTo("a");
    }

    @Test
    void feedsEncoderWithBinaryAttachments() {
        JsonNode args = payloads.toTree(List.of("upload", new Upload("a", new byte[] {1})));
        EncodedPacket encoded = new PacketEncoder(payloads.mapper()).encode(Packet.of(PacketType.EVENT, "/", args));
        assertThat(encoded.text()).isEqualTo("51-[\"upload\",{\"name\":\"a\",\"content\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(encoded.attachments()).containsExactly(new byte[] {1});
    }

    @Test
    void keepsBase64ForBytesInJsonText() {
        assertThat(payloads.mapper().writeValueAsString(new Upload("a", new byte[] {1})))
                .isEqualTo("{\"name\":\"a\",\"content\":\"AQ==\"}");
    }

    @Test
    void keepsConfigurationOfGivenMapper() {
        PayloadMapper custom = new PayloadMapper(JsonMapper.builder().build());
        assertThat(custom.toTree(new byte[] {1})).isInstanceOf(BinaryNode.class);
    }
}
