package dev.socketeer.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The WhatsApp webhook as Meta calls it: the verification handshake, signed deliveries relayed to a hub client
 * (node, the seed's options) as {@code whatsappStatusUpdate} and {@code whatsappMessageUpdate}, and every
 * delivery whose {@code X-Hub-Signature-256} does not match refused with 403 and nothing relayed. Also sending
 * without an access token (503), and its credentials.
 */
@ServerTest
class WhatsAppWebhookTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A delivery in the Cloud API's format: two statuses of sent messages and one inbound message. */
    private static final String DELIVERY = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
             "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
              "phone_number_id":"106540352242922"},
              "statuses":[{"id":"wamid.AAA","status":"delivered","timestamp":"1750263773","recipient_id":"491701234567"},
                          {"id":"wamid.BBB","status":"read","timestamp":"1750263780","recipient_id":"491701234567"}],
              "contacts":[{"profile":{"name":"Kerry Fisher"},"wa_id":"16315551181"}],
              "messages":[{"from":"16315551181","id":"wamid.CCC","timestamp":"1750263790","type":"text",
                           "text":{"body":"Is my order on its way?"}}]}}]}]}""";

    @LocalServerPort
    int port;
    ApiTestClient api;
    WebTestClient http;
    NodeDriver driver;
    NodeClient hubClient;

    @BeforeEach
    void connect() {
        api = new ApiTestClient(port);
        http = api.http();
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
    void theVerificationHandshakeAnswersTheChallengeForTheConfiguredTokenOnly() {
        String challenge = http.get().uri(b -> b.path("/webhooks/whatsapp").queryParam("hub.mode", "subscribe")
                        .queryParam("hub.verify_token", ApiTestClient.WHATSAPP_VERIFY_TOKEN)
                        .queryParam("hub.challenge", "1158201444").build())
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(challenge).isEqualTo("1158201444");

        for (Map<String, String> refused : List.of(
                Map.of("hub.mode", "subscribe", "hub.verify_token", "wrong", "hub.challenge", "1"),
                Map.of("hub.mode", "unsubscribe", "hub.verify_token", ApiTestClient.WHATSAPP_VERIFY_TOKEN, "hub.challenge", "1"),
                Map.of("hub.mode", "subscribe", "hub.verify_token", ApiTestClient.WHATSAPP_VERIFY_TOKEN),
                Map.of("hub.mode", "subscribe", "hub.challenge", "1"))) {
            http.get().uri(b -> {
                b.path("/webhooks/whatsapp");
                refused.forEach(b::queryParam);
                return b.build();
            }).exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aSignedDeliveryIsRelayedToEveryClient() {
        byte[] body = DELIVERY.getBytes(StandardCharsets.UTF_8);
        JsonNode answer = deliver(body, sign(body, ApiTestClient.WHATSAPP_APP_SECRET), HttpStatus.OK);
        assertThat(answer).isEqualTo(ApiTestClient.json("{\"statuses\":2,\"messages\":1}"));

        JsonNode value = ApiTestClient.json(DELIVERY).path("entry").get(0).path("changes").get(0).path("value");
        List<JsonNode> statuses = hubClient.awaitEvents("whatsappStatusUpdate", 2, TIMEOUT).stream()
                .map(args -> args.get(0)).toList();
        assertThat(statuses).containsExactly(value.path("statuses").get(0), value.path("statuses").get(1));
        assertThat(hubClient.awaitEvent("whatsappMessageUpdate", TIMEOUT).get(0)).isEqualTo(value.path("messages").get(0));
    }

    @Test
    void aDeliveryWhoseSignatureDoesNotMatchIsRefusedAndRelaysNothing() {
        byte[] body = DELIVERY.getBytes(StandardCharsets.UTF_8);
        String valid = sign(body, ApiTestClient.WHATSAPP_APP_SECRET);
        byte[] tampered = DELIVERY.replace("delivered", "failed").getBytes(StandardCharsets.UTF_8);
        for (String signature : new String[] {null, "", "sha256=", valid.replace("sha256=", "sha1="),
                sign(body, "another app's secret"), "sha256=zz" + valid.substring(9), valid + "00"}) {
            JsonNode problem = deliver(body, signature, HttpStatus.FORBIDDEN);
            assertThat(problem.path("detail").asString()).isEqualTo("The X-Hub-Signature-256 signature does not match the body");
        }
        deliver(tampered, valid, HttpStatus.FORBIDDEN);
        // upper-case hex is the same signature
        byte[] empty = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(empty, sign(empty, ApiTestClient.WHATSAPP_APP_SECRET).toUpperCase().replace("SHA256=", "sha256="),
                HttpStatus.OK)).isEqualTo(ApiTestClient.json("{\"statuses\":0,\"messages\":0}"));

        hubClient.emitWithAck("echo", TIMEOUT, "barrier");
        hubClient.assertNoEvent("whatsappStatusUpdate", Duration.ZERO);
        hubClient.assertNoEvent("whatsappMessageUpdate", Duration.ZERO);
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(body, sign(body, ApiTestClient.WHATSAPP_APP_SECRET), HttpStatus.BAD_REQUEST)
                .path("detail").asString()).isEqualTo("The webhook body is not JSON");
    }

    @Test
    void sendingWithoutAnAccessTokenIs503AndEmitsNothing() {
        JsonNode problem = sendMessage(h -> h.set("X-API-Key", ApiTestClient.API_KEY),
                Map.of("to", "491701234567", "message", "hi"), HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.path("detail").asString()).isEqualTo(WhatsAppClient.NOT_CONFIGURED);
        String admin = api.adminToken();
        sendMessage(h -> h.setBearerAuth(admin), Map.of("to", "491701234567", "message", "hi"), HttpStatus.SERVICE_UNAVAILABLE);
        hubClient.emitWithAck("echo", TIMEOUT, "barrier");
        hubClient.assertNoEvent("whatsappMessageSent", Duration.ZERO);
    }

    @Test
    void sendingNeedsAnApiKeyOrAnAdminAndAValidBody() {
        Map<String, String> body = Map.of("to", "491701234567", "message", "hi");
        sendMessage(h -> { }, body, HttpStatus.UNAUTHORIZED);
        sendMessage(h -> h.set("X-API-Key", "wrong"), body, HttpStatus.UNAUTHORIZED);
        String user = api.newUserToken();
        sendMessage(h -> h.setBearerAuth(user), body, HttpStatus.FORBIDDEN);
        JsonNode problem = sendMessage(h -> h.set("X-API-Key", ApiTestClient.API_KEY),
                Map.of("to", "call me maybe", "message", ""), HttpStatus.BAD_REQUEST);
        assertThat(problem.path("detail").asString()).contains("to must be a phone number").contains("message");
    }

    private JsonNode deliver(byte[] body, String signature, HttpStatus expected) {
        WebTestClient.RequestBodySpec request = http.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return ApiTestClient.json(request.bodyValue(body).exchange().expectStatus().isEqualTo(expected)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode sendMessage(java.util.function.Consumer<org.springframework.http.HttpHeaders> credentials,
                                 Map<String, String> body, HttpStatus expected) {
        return ApiTestClient.json(http.post().uri("/api/v1/whatsapp/messages").headers(credentials)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(expected)
                .expectHeader().contentType(expected == HttpStatus.OK ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    /** Meta's signature: {@code sha256=} and the hex HMAC-SHA256 of the raw body keyed with the app secret. */
    private static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
