package dev.socketeer.server.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.notifications.*}: the SSE streams' settings. Immutable; checked at startup.
 *
 * @param sseHeartbeat   how often an idle stream gets a {@code : keep-alive} comment, so proxies keep it open
 * @param sseReplayLimit the most missed notifications a reconnecting stream ({@code Last-Event-ID}) is sent;
 *                       with more missed it gets only the unread count (the client lists the rest)
 * @param sseBuffer      the most events one stream may have waiting for a slow client before it is closed
 */
@ConfigurationProperties("socketeer.server.notifications")
record NotificationsProperties(@DefaultValue("15s") Duration sseHeartbeat,
                               @DefaultValue("100") int sseReplayLimit,
                               @DefaultValue("256") int sseBuffer) {

    NotificationsProperties {
        if (sseHeartbeat.isNegative() || sseHeartbeat.isZero()) {
            throw new IllegalArgumentException("socketeer.server.notifications.sse-heartbeat must be positive");
        }
        if (sseReplayLimit < 0 || sseReplayLimit > 1000) {
            throw new IllegalArgumentException("socketeer.server.notifications.sse-replay-limit must be 0 to 1000");
        }
        if (sseBuffer < 8) {
            throw new IllegalArgumentException("socketeer.server.notifications.sse-buffer must be at least 8");
        }
    }
}
