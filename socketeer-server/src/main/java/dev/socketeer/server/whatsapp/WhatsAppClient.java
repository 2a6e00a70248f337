package dev.socketeer.server.whatsapp;

import dev.socketeer.server.common.Problems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends text messages through the Cloud API: {@code POST {apiUrl}/{phoneNumberId}/messages} with the access
 * token as bearer and {@code {"messaging_product": "whatsapp", "recipient_type": "individual", "to", "type":
 * "text", "text": {"preview_url": false, "body"}}}. Answers: the accepted message's id; without an access token
 * or phone number id a 503 problem (nothing is sent); a refusal from Meta a 502 problem with Meta's
 * {@code error.message}; no answer in time or a broken connection a 502 too.
 *
 * <p>Threading: non-blocking (the JDK's HTTP client); thread safe.
 */
@Component
final class WhatsAppClient {
    static final String NOT_CONFIGURED = "WhatsApp sending is not configured: set socketeer.server.whatsapp.access-token"
            + " and phone-number-id (SOCKETEER_SERVER_WHATSAPP_ACCESS_TOKEN, SOCKETEER_SERVER_WHATSAPP_PHONE_NUMBER_ID)";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppClient.class);

    private final WhatsAppProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    WhatsAppClient(WhatsAppProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** Sends {@code text} to {@code to}; completes with the Cloud API's message id ({@code wamid...}). */
    Mono<String> sendText(String to, String text) {
        if (!properties.canSend()) {
            return Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED));
        }
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "recipient_type", "individual", "to", to,
                "type", "text", "text", Map.of("preview_url", false, "body", text));
        HttpRequest request = HttpRequest.newBuilder(messagesUri())
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .onErrorMap(e -> !(e instanceof org.springframework.web.ErrorResponseException), e -> {
                    log.warn("WhatsApp Cloud API at {} could not be reached: {}", properties.apiUrl(), e.toString());
                    return Problems.of(HttpStatus.BAD_GATEWAY, "The WhatsApp Cloud API could not be reached");
                })
                .map(this::messageId);
    }

    private String messageId(HttpResponse<byte[]> response) {
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String reason = answer.path("error").path("message").asString("HTTP " + response.statusCode());
            log.info("WhatsApp Cloud API refused a message: {} ({})", reason, response.statusCode());
            throw Problems.of(HttpStatus.BAD_GATEWAY, "WhatsApp refused the message: " + reason);
        }
        String id = answer.path("messages").path(0).path("id").asString("");
        if (id.isEmpty()) {
            throw Problems.of(HttpStatus.BAD_GATEWAY, "WhatsApp answered without a message id");
        }
        return id;
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private URI messagesUri() {
        String base = properties.apiUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/" + java.net.URLEncoder.encode(properties.phoneNumberId(),
                java.nio.charset.StandardCharsets.UTF_8) + "/messages");
    }
}
