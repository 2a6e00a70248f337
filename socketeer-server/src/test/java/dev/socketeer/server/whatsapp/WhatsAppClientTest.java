package dev.socketeer.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/** The Cloud API client without a server: not configured → 503, nobody listening → 502. */
class WhatsAppClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withoutAnAccessTokenOrPhoneNumberIdSendingIsRefusedWith503() {
        for (WhatsAppProperties properties : new WhatsAppProperties[] {
                properties(URI.create("http://127.0.0.1:9"), null, "123"),
                properties(URI.create("http://127.0.0.1:9"), "token", " ")}) {
            assertThatThrownBy(() -> new WhatsAppClient(properties, JSON).sendText("491701234567", "hi").block())
                    .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                        assertThat(e.getStatusCode().value()).isEqualTo(503);
                        assertThat(e.getBody().getDetail()).isEqualTo(WhatsAppClient.NOT_CONFIGURED);
                    });
        }
    }

    @Test
    void anUnreachableApiIsA502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WhatsAppClient client = new WhatsAppClient(properties(URI.create("http://127.0.0.1:" + closedPort + "/v21.0"),
                "token", "123"), JSON);
        assertThatThrownBy(() -> client.sendText("491701234567", "hi").block())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(502);
                    assertThat(e.getBody().getDetail()).isEqualTo("The WhatsApp Cloud API could not be reached");
                });
    }

    private static WhatsAppProperties properties(URI apiUrl, String accessToken, String phoneNumberId) {
        return new WhatsAppProperties("secret", "verify", apiUrl, accessToken, phoneNumberId, Duration.ofSeconds(5));
    }
}
