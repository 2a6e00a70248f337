package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.spring.PayloadValidation;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** A {@link PayloadValidation} bean of the application replaces Bean Validation for {@code @Valid} payloads. */
@SpringBootTest(classes = {TestApplication.class, CustomPayloadValidationTest.Custom.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomPayloadValidationTest extends AppTestSupport {
    private static final Duration ACK = Duration.ofSeconds(10);

    @Configuration(proxyBeanMethods = false)
    static class Custom {
        @Bean
        PayloadValidation onlyAdaMayBeGreeted() {
            return payload -> payload instanceof Greeting g && !g.name().equals("ada") ? "name: only ada" : null;
        }
    }

    @Test
    void theApplicationsValidationDecides() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        JsonNode refused = client.emitWithAck("echo", ACK, Map.of("name", "bob")).get(0);
        assertThat(refused.get("status").asString()).isEqualTo("error");
        assertThat(refused.get("message").asString()).isEqualTo("name: only ada");
        assertThat(client.emitWithAck("echo", ACK, Map.of("name", "ada")).get(0).get("name").asString()).isEqualTo("ADA");
    }
}
