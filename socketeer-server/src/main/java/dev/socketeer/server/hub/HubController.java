package dev.socketeer.server.hub;

import dev.socketeer.server.common.Problems;
import jakarta.validation.Valid;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's {@code WebSocketController}: HTTP triggers for hub events and the monitoring routes, under
 * {@code /websocket}. Every route needs an API key ({@code X-API-Key}) or an ADMIN's token
 * ({@link HubSecurity}). A client id that is not connected (to any node of a cluster) is a 404 problem, and a
 * 503 when the cluster does not answer; a room or custom event name that
 * is not allowed a 400. Notification bodies are {@code {type, title, message}}; chat, WhatsApp, conversation
 * and custom event bodies any JSON object, sent as given. Non-blocking.
 */
@RestController
@RequestMapping("/websocket")
class HubController {
    private final HubEvents events;
    private final ServerMonitor monitor;

    HubController(HubEvents events, ServerMonitor monitor) {
        this.events = events;
        this.monitor = monitor;
    }

    /** What a trigger answers: the seed's {@code {success, message}}. */
    record Sent(boolean success, String message) {}

    @PostMapping("/notify/client/{clientId}")
    Mono<Sent> notifyClient(@PathVariable String clientId, @Valid @RequestBody HubNotification notification) {
        return sent(clientId, events.sendNotificationToClient(clientId, notification), "Notification sent to client ");
    }

    @PostMapping("/notify/room/{roomName}")
    Sent notifyRoom(@PathVariable String roomName, @Valid @RequestBody HubNotification notification) {
        refuseBadNames(() -> events.sendNotificationToRoom(roomName, notification));
        return new Sent(true, "Notification sent to room " + roomName);
    }

    @PostMapping("/notify/broadcast")
    Sent notifyAll(@Valid @RequestBody HubNotification notification) {
        events.broadcastNotification(notification);
        return new Sent(true, "Notification broadcast to all clients");
    }

    @PostMapping("/chat/client/{clientId}")
    Mono<Sent> chatToClient(@PathVariable String clientId, @RequestBody JsonNode message) {
        return sent(clientId, events.sendChatMessage(clientId, object(message)), "Chat message sent to client ");
    }

    @PostMapping("/chat/room/{roomName}")
    Sent chatToRoom(@PathVariable String roomName, @RequestBody JsonNode message) {
        JsonNode body = object(message);
        refuseBadNames(() -> events.sendChatMessageToRoom(roomName, body));
        return new Sent(true, "Chat message sent to room " + roomName);
    }

    @PostMapping("/event/client/{clientId}/{eventName}")
    Mono<Sent> eventToClient(@PathVariable String clientId, @PathVariable String eventName, @RequestBody JsonNode data) {
        JsonNode body = object(data);
        CompletableFuture<Boolean> connected = refusingBadNames(() -> events.sendCustomEventToClient(clientId, eventName, body));
        return sent(clientId, connected, "Event " + eventName + " sent to client ");
    }

    @PostMapping("/event/room/{roomName}/{eventName}")
    Sent eventToRoom(@PathVariable String roomName, @PathVariable String eventName, @RequestBody JsonNode data) {
        JsonNode body = object(data);
        refuseBadNames(() -> events.sendCustomEventToRoom(roomName, eventName, body));
        return new Sent(true, "Event " + eventName + " sent to room " + roomName);
    }

    @PostMapping("/event/broadcast/{eventName}")
    Sent eventToAll(@PathVariable String eventName, @RequestBody JsonNode data) {
        JsonNode body = object(data);
        refuseBadNames(() -> events.broadcastCustomEvent(eventName, body));
        return new Sent(true, "Event " + eventName + " broadcast to all clients");
    }

    @PostMapping("/whatsapp/status/{clientId}")
    Mono<Sent> whatsappStatus(@PathVariable String clientId, @RequestBody JsonNode status) {
        return sent(clientId, events.sendWhatsappStatusUpdate(clientId, object(status)), "WhatsApp status update sent to client ");
    }

    @PostMapping("/whatsapp/message/{clientId}")
    Mono<Sent> whatsappMessage(@PathVariable String clientId, @RequestBody JsonNode message) {
        return sent(clientId, events.sendWhatsappMessageUpdate(clientId, object(message)), "WhatsApp message update sent to client ");
    }

    @PostMapping("/conversation/{clientId}")
    Mono<Sent> conversation(@PathVariable String clientId, @RequestBody JsonNode conversation) {
        return sent(clientId, events.sendConversationUpdate(clientId, object(conversation)), "Conversation update sent to client ");
    }

    @GetMapping("/status")
    ServerMonitor.StatusView status() {
        return monitor.status();
    }

    @GetMapping("/clients")
    List<ServerMonitor.ClientView> clients() {
        return monitor.clients();
    }

    @GetMapping("/clients/{clientId}/status")
    ServerMonitor.ClientView clientStatus(@PathVariable String clientId) {
        return monitor.client(clientId).orElseThrow(() -> notConnected(clientId));
    }

    /**
     * {@code {success: true, message: what + clientId}} once the client was reached; a 404 problem when it is not
     * connected to any node; a 503 problem when the cluster did not answer (Redis away, the request timed out).
     */
    private static Mono<Sent> sent(String clientId, CompletableFuture<Boolean> reached, String what) {
        return Mono.fromFuture(reached)
                .onErrorMap(e -> !(e instanceof ErrorResponseException), e -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "The cluster did not answer whether client " + clientId + " is connected"))
                .map(connected -> {
                    if (!connected) {
                        throw notConnected(clientId);
                    }
                    return new Sent(true, what + clientId);
                });
    }

    private static ErrorResponseException notConnected(String clientId) {
        return Problems.notFound("Client " + clientId + " is not connected");
    }

    /** The body when it is a JSON object; a 400 problem otherwise. */
    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "The request body must be a JSON object");
        }
        return body;
    }

    /** Runs {@code send}; a name it refuses (room, event) becomes a 400 problem with its reason. */
    private static void refuseBadNames(Runnable send) {
        refusingBadNames(() -> {
            send.run();
            return true;
        });
    }

    private static <T> T refusingBadNames(Supplier<T> send) {
        try {
            return send.get();
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
