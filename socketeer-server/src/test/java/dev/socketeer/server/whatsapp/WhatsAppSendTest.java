package dev.socketeer.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Sending through the Cloud API, against a local fake of it ({@link FakeGraphApi}): the request is Meta's
 * format (path, bearer token, body); an accepted message is answered with its id and announced as
 * {@code whatsappMessageSent {to, message, timestamp}} to a hub client (node, the seed's options); a refusal is
 * a 502 problem with Meta's message, a broken answer a 502 too, and neither emits anything.
 */
@ExtendWith(LeakGuard.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "socketeer.server.jwt.secret=" + TestTokens.SECRET,
        "socketeer.server.api-keys=" + ApiTestClient.API_KEY,
        "socketeer.server.whatsapp.access-token=" + FakeGraphApi.ACCESS_TOKEN,
        "socketeer.server.whatsapp.phone-number-id=" + FakeGraphApi.PHONE_NUMBER_ID,
        "spring.datasource.url=jdbc:h2:mem:whatsapp-send;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE"})
class WhatsAppSendTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final FakeGraphApi META = new FakeGraphApi();

    @DynamicPropertySource
    static void graphApi(DynamicPropertyRegistry registry) {
        registry.add("socketeer.server.whatsapp.api-url", META::apiUrl);
    }

    @AfterAll
    static void stopFake() {
        META.close();
    }

    @LocalServerPort
    int port;
    WebTestClient http;
    NodeDriver driver;
    NodeClient hubClient;

    @BeforeEach
    void connect() {
        http = new ApiTestClient(port).http();
        driver = new NodeDriver();
        hubClient = driver.connect("http://localhost:" + port + "/",
                Map.of("transports", List.of("websocket"), "upgrade", false));
        hubClient.awaitConnect(TIMEOUT);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anAcceptedMessageIsSentInTheCloudApisFormatAndAnnouncedToTheHub() {
        int before = META.received().size();
        JsonNode sent = send(Map.of("to", "491701234567", "message", "Your order has shipped"), HttpStatus.OK);
        assertThat(sent.path("messageId").asString()).startsWith("wamid.TEST");
        assertThat(sent.path("to").asString()).isEqualTo("491701234567");

        FakeGraphApi.Received request = META.received().get(before);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/" + FakeGraphApi.VERSION + "/" + FakeGraphApi.PHONE_NUMBER_ID + "/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeGraphApi.ACCESS_TOKEN);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(ApiTestClient.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"491701234567","type":"text",
                 "text":{"preview_url":false,"body":"Your order has shipped"}}"""));

        JsonNode event = hubClient.awaitEvent("whatsappMessageSent", TIMEOUT).get(0);
        assertThat(event.path("to").asString()).isEqualTo("491701234567");
        assertThat(event.path("message").asString()).isEqualTo("Your order has shipped");
        assertThat(event.path("timestamp")).isEqualTo(sent.path("timestamp"));
        assertThat(Instant.parse(event.path("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(List.copyOf(event.propertyNames())).containsExactly("to", "message", "timestamp");
    }

    @Test
    void aRefusalFromMetaIsA502WithItsMessageAndEmitsNothing() {
        JsonNode problem = send(Map.of("to", FakeGraphApi.REFUSED_RECIPIENT, "message", "hello"), HttpStatus.BAD_GATEWAY);
        assertThat(problem.path("detail").asString()).isEqualTo("WhatsApp refused the message: " + FakeGraphApi.REFUSAL);
        JsonNode broken = send(Map.of("to", FakeGraphApi.BROKEN_RECIPIENT, "message", "hello"), HttpStatus.BAD_GATEWAY);
        assertThat(broken.path("detail").asString()).isEqualTo("WhatsApp refused the message: HTTP 500");
        hubClient.emitWithAck("echo", TIMEOUT, "barrier");
        hubClient.assertNoEvent("whatsappMessageSent", Duration.ZERO);
    }

    private JsonNode send(Map<String, String> body, HttpStatus expected) {
        return ApiTestClient.json(http.post().uri("/api/v1/whatsapp/messages")
                .header("X-API-Key", ApiTestClient.API_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(expected).expectBody(String.class).returnResult().getResponseBody());
    }
}
