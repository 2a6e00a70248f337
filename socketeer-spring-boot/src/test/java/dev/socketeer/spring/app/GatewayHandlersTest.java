package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Gateway methods driven by the real Node client through the same-port mount. */
class GatewayHandlersTest extends AppTestSupport {
    private static final Duration ACK = Duration.ofSeconds(10);

    @Test
    void onConnectRunsWithTheSocket() {
        NodeClient client = connect("/chat");
        String id = client.awaitConnect();
        assertThat(client.awaitEvent("welcome").get(0).asString()).isEqualTo(id);
    }

    @Test
    void typedPayloadAndReturnValueAnswerTheAck() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        JsonNode ack = client.emitWithAck("echo", ACK, Map.of("name", "ada")).get(0);
        assertThat(ack.get("name").asString()).isEqualTo("ADA");
    }

    @Test
    void validationFailureAnswersTheAckWithAnError() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        JsonNode ack = client.emitWithAck("echo", ACK, Map.of("name", " ")).get(0);
        assertThat(ack.get("status").asString()).isEqualTo("error");
        assertThat(ack.get("message").asString()).isEqualTo("name: must not be blank");
    }

    @Test
    void exceptionWithoutAckBecomesAnExceptionEvent() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        client.emit("fail");
        JsonNode error = client.awaitEvent("exception").get(0);
        assertThat(error.get("status").asString()).isEqualTo("error");
        assertThat(error.get("message").asString()).isEqualTo("boom");
    }

    @Test
    void exceptionWithAckAnswersTheAckAndHidesUnexpectedMessages() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        assertThat(client.emitWithAck("fail", ACK).get(0).get("message").asString()).isEqualTo("boom");
        assertThat(client.emitWithAck("crash", ACK).get(0).get("message").asString())
                .isEqualTo("Internal server error");
        // the next ack is the barrier: an exception event for the handled failures would have come before it
        assertThat(client.emitWithAck("ping", ACK).get(0).asString()).isEqualTo("pong");
        assertThat(client.received("exception")).isEmpty();
    }

    @Test
    void monoResultAnswersTheAck() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        JsonNode ack = client.emitWithAck("mono", ACK, Map.of("name", "grace")).get(0);
        assertThat(ack.get("hello").asString()).isEqualTo("grace");
        JsonNode error = client.emitWithAck("monoError", ACK).get(0);
        assertThat(error.get("message").asString()).isEqualTo("mono failed");
    }

    @Test
    void completableFutureResultAnswersTheAck() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        assertThat(client.emitWithAck("future", ACK).get(0).asString()).isEqualTo("done");
    }

    @Test
    void invalidPayloadTypeIsAnsweredThroughTheAck() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        JsonNode ack = client.emitWithAck("echo", ACK, "not an object").get(0);
        assertThat(ack.get("status").asString()).isEqualTo("error");
        assertThat(ack.get("message").asString()).isEqualTo("Invalid payload: expected Greeting");
    }

    @Test
    void invalidPayloadTypeWithoutAckBecomesAnExceptionEvent() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        client.emit("echo", "not an object");
        JsonNode error = client.awaitEvent("exception").get(0);
        assertThat(error.get("status").asString()).isEqualTo("error");
        assertThat(error.get("message").asString()).isEqualTo("Invalid payload: expected Greeting");
    }

    @Test
    void validationFailureWithoutAckBecomesAnExceptionEvent() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        client.emit("echo", Map.of("name", " "));
        JsonNode error = client.awaitEvent("exception").get(0);
        assertThat(error.get("message").asString()).isEqualTo("name: must not be blank");
    }

    @Test
    void onDisconnectReceivesTheReason() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        client.disconnect();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> ChatGateway.disconnects.contains("client namespace disconnect"));
    }
}
