package dev.socketeer.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.core.adapter.ClusterMessage;
import dev.socketeer.core.adapter.ClusterMessage.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stream and pub/sub forms of cluster messages, as {@code @socket.io/redis-streams-adapter} 0.3 writes
 * them (the mixed-cluster tests check the same against the real adapter).
 */
class ClusterMessageCodecTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Map<String, String> text(Map<String, byte[]> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private static ObjectNode broadcast(boolean binary) {
        ObjectNode data = NODES.objectNode();
        ObjectNode packet = data.putObject("packet");
        packet.put("type", 2);
        var args = packet.putArray("data").add("e");
        if (binary) {
            args.add(NODES.binaryNode(new byte[] {1, 2}));
        }
        return data;
    }

    @Test
    void aPlainMessageIsJsonInTheStreamWithTheTypeAsText() {
        ClusterMessage message = new ClusterMessage("u1", "/chat", Type.BROADCAST, broadcast(false));

        Map<String, String> fields = text(ClusterMessageCodec.toStreamFields(message, false));

        assertThat(fields).containsExactly(Map.entry("uid", "u1"), Map.entry("nsp", "/chat"), Map.entry("type", "3"),
                Map.entry("data", "{\"packet\":{\"type\":2,\"data\":[\"e\"]}}"));
        assertThat(ClusterMessageCodec.fromStreamFields(ClusterMessageCodec.toStreamFields(message, false)))
                .isEqualTo(message);
    }

    @Test
    void binaryIsBase64MessagePackUnlessOnlyPlaintext() {
        ClusterMessage message = new ClusterMessage("u1", "/", Type.BROADCAST, broadcast(true));

        String data = text(ClusterMessageCodec.toStreamFields(message, false)).get("data");

        assertThat(Base64.getDecoder().decode(data)).isEqualTo(Notepack.encode(message.data()));
        ClusterMessage back = ClusterMessageCodec.fromStreamFields(ClusterMessageCodec.toStreamFields(message, false));
        assertThat(back.data().path("packet").path("data").get(1).binaryValue()).containsExactly(1, 2);
        assertThat(text(ClusterMessageCodec.toStreamFields(message, true)).get("data")).startsWith("{");
    }

    @Test
    void messagesWithoutDataHaveNoDataField() {
        assertThat(text(ClusterMessageCodec.toStreamFields(new ClusterMessage("u", "/", Type.HEARTBEAT, null), false)))
                .containsOnlyKeys("uid", "nsp", "type");
    }

    @Test
    void pubSubMessagesAreMessagePackWithNodesKeyOrder() {
        ClusterMessage message = new ClusterMessage("u1", "/", Type.FETCH_SOCKETS,
                NODES.objectNode().put("requestId", "r"));

        byte[] bytes = ClusterMessageCodec.toMsgpack(message);

        assertThat(Notepack.decode(bytes).propertyNames()).containsExactly("type", "data", "uid", "nsp");
        assertThat(ClusterMessageCodec.fromMsgpack(bytes)).isEqualTo(message);
    }

    @Test
    void malformedInputIsRejectedWithTheReason() {
        Map<String, byte[]> unknownType = Map.of("uid", "u".getBytes(), "nsp", "/".getBytes(), "type", "99".getBytes());
        assertThatThrownBy(() -> ClusterMessageCodec.fromStreamFields(unknownType))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown message type 99");
        assertThatThrownBy(() -> ClusterMessageCodec.fromStreamFields(Map.of("nsp", "/".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without uid");
        assertThatThrownBy(() -> ClusterMessageCodec.fromMsgpack(Notepack.encode(NODES.stringNode("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
