package dev.socketeer.server.whatsapp;

import dev.socketeer.server.hub.HubEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sends a WhatsApp text message and, once the Cloud API has accepted it, tells every client of {@code /}:
 * {@code whatsappMessageSent {to, message, timestamp}} (the seed's {@code WhatsappService.sendMessage}). A
 * refused or failed send emits nothing. Thread safe; non-blocking.
 */
@Service
final class WhatsAppMessages {
    static final String MESSAGE_SENT = "whatsappMessageSent";

    private final WhatsAppClient client;
    private final HubEvents hub;

    WhatsAppMessages(WhatsAppClient client, HubEvents hub) {
        this.client = client;
        this.hub = hub;
    }

    /** What {@code whatsappMessageSent} carries. */
    record MessageSent(String to, String message, Instant timestamp) {}

    /** What the REST answer carries: the event's fields and the Cloud API's message id. */
    record Sent(String messageId, String to, String message, Instant timestamp) {}

    Mono<Sent> send(String to, String message) {
        return client.sendText(to, message).map(id -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            hub.broadcastCustomEvent(MESSAGE_SENT, new MessageSent(to, message, now));
            return new Sent(id, to, message, now);
        });
    }
}
