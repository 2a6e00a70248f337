package dev.socketeer.server.whatsapp;

import dev.socketeer.server.common.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Cloud API's webhook at {@code /webhooks/whatsapp}, public (Meta calls it; {@link WhatsAppSecurity}):
 * <ul>
 *   <li>{@code GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...}: Meta's subscription handshake,
 *       answered with the challenge as plain text when the token is the configured one, else 403;</li>
 *   <li>{@code POST} with {@code X-Hub-Signature-256}: checked against the raw body before anything is read
 *       (a missing or wrong signature, or no app secret configured: 403 problem, nothing relayed), then relayed
 *       ({@link WebhookRelay}) and answered 200 {@code {statuses, messages}}.</li>
 * </ul>
 * Non-blocking.
 */
@RestController
@RequestMapping(WhatsAppWebhookController.PATH)
class WhatsAppWebhookController {
    static final String PATH = "/webhooks/whatsapp";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

    private final WhatsAppProperties properties;
    private final WebhookSignature signature;
    private final WebhookRelay relay;
    private final JsonMapper json;

    WhatsAppWebhookController(WhatsAppProperties properties, WebhookRelay relay, JsonMapper json) {
        this.properties = properties;
        this.signature = new WebhookSignature(properties.appSecret());
        this.relay = relay;
        this.json = json;
        if (!signature.configured()) {
            log.info("socketeer.server.whatsapp.app-secret is not set: WhatsApp webhook deliveries are refused (403)");
        }
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    String verify(@RequestParam(name = "hub.mode", required = false) String mode,
                  @RequestParam(name = "hub.verify_token", required = false) String token,
                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if (!"subscribe".equals(mode) || challenge == null || !verifyTokenMatches(token)) {
            throw Problems.forbidden("Webhook verification failed: hub.mode must be subscribe and hub.verify_token"
                    + " the configured token");
        }
        return challenge;
    }

    @PostMapping
    WebhookRelay.Relayed receive(@RequestHeader(name = WebhookSignature.HEADER, required = false) String signed,
                                 @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.valid(raw, signed)) {
            throw Problems.forbidden("The " + WebhookSignature.HEADER + " signature does not match the body");
        }
        JsonNode delivery;
        try {
            delivery = json.readTree(raw);
        } catch (JacksonException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "The webhook body is not JSON");
        }
        return relay.relay(delivery);
    }

    private boolean verifyTokenMatches(String token) {
        String expected = properties.verifyToken();
        if (expected == null || expected.isEmpty() || token == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(token)); // equal lengths: no early exit
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
