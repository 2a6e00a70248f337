package dev.socketeer.server.whatsapp;

import dev.socketeer.server.hub.HubEvents;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Relays a verified webhook delivery of the Cloud API ({@code {"object": "whatsapp_business_account", "entry":
 * [{"changes": [{"field": "messages", "value": {"statuses": [...], "messages": [...]}}]}]}}) to every client of
 * {@code /}: each delivery status as {@code whatsappStatusUpdate}, each inbound message as
 * {@code whatsappMessageUpdate}, the Cloud API's objects as they came. Other objects and fields are ignored.
 * Stateless; thread safe.
 */
@Component
final class WebhookRelay {
    static final String BUSINESS_ACCOUNT = "whatsapp_business_account";

    private final HubEvents hub;

    WebhookRelay(HubEvents hub) {
        this.hub = hub;
    }

    /** What one delivery carried. */
    record Relayed(int statuses, int messages) {}

    Relayed relay(JsonNode delivery) {
        int statuses = 0;
        int messages = 0;
        if (!BUSINESS_ACCOUNT.equals(delivery.path("object").asString(""))) {
            return new Relayed(0, 0);
        }
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode status : value.path("statuses")) {
                    if (status.isObject()) {
                        hub.broadcastWhatsappStatusUpdate(status);
                        statuses++;
                    }
                }
                for (JsonNode message : value.path("messages")) {
                    if (message.isObject()) {
                        hub.broadcastWhatsappMessageUpdate(message);
                        messages++;
                    }
                }
            }
        }
        return new Relayed(statuses, messages);
    }
}
