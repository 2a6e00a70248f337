package dev.socketeer.server.notifications;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The SSE fallback of seed 003 at {@code GET /notifications/events} (the seed's path) and
 * {@code GET /api/v1/notifications/events}: the caller's feed as {@code text/event-stream} (see
 * {@link SseStreams}). The token comes in the {@code Authorization} header or, for a browser's
 * {@code EventSource}, which cannot send headers, as {@code ?token=} ({@link NotificationsSecurity}).
 */
@RestController
class NotificationEventsController {
    static final String SEED_PATH = "/notifications/events";
    static final String API_PATH = "/api/v1/notifications/events";

    private final SseStreams streams;

    NotificationEventsController(SseStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = {SEED_PATH, API_PATH}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(@AuthenticationPrincipal Jwt jwt,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                         ServerHttpResponse response) {
        long userId = CallerId.require(jwt);
        response.getHeaders().set("X-Accel-Buffering", "no"); // nginx: pass each event on at once
        return streams.open(userId, parse(lastEventId));
    }

    /** The id this server wrote ({@code 0} and up); anything else starts afresh, as if none was sent. */
    private static Long parse(String lastEventId) {
        return lastEventId != null && lastEventId.matches("[0-9]{1,18}") ? Long.valueOf(lastEventId) : null;
    }
}
