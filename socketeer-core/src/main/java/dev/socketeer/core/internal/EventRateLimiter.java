package dev.socketeer.core.internal;

import dev.socketeer.core.RateLimit;
import dev.socketeer.core.RateLimitAction;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The token bucket of one socket's {@link RateLimit}, and what happens over it. Refilled lazily from
 * {@link System#nanoTime()} when an event arrives: no timer per socket.
 *
 * <p>Threading: not thread safe; used only on the client's serial executor, whose tasks run one at a time
 * (each handing over to the next through its queue), so the bucket needs no lock.
 */
final class EventRateLimiter {
    private final RateLimit limit;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    EventRateLimiter(RateLimit limit, long now) {
        this.limit = limit;
        this.tokensPerNano = limit.eventsPerSecond() / 1e9;
        this.tokens = limit.burst();
        this.refilledAt = now;
    }

    /** Takes a token if there is one, after adding those earned since the last call; {@code now} in nanoseconds. */
    boolean tryTake(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(limit.burst(), tokens + elapsed * tokensPerNano);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Whether this EVENT packet may be dispatched; when not, reports it and applies the limit's action.
     * Serial executor.
     */
    boolean admit(RealSocket socket, Packet packet) {
        if (tryTake(System.nanoTime())) {
            return true;
        }
        RateLimitAction action = limit.action();
        JsonNode payload = packet.data();
        String event = payload != null && payload.size() > 0 ? payload.get(0).asString() : "";
        socket.runtime().notify("event rate limited", l -> l.onEventRateLimited(socket, event, action));
        switch (action) {
            case ERROR_ACK -> {
                if (packet.ackId() != null) {
                    var answer = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                            .put("status", "error").put("message", RateLimit.EXCEEDED));
                    socket.write(new Packet(PacketType.ACK, socket.namespace().name(), answer, packet.ackId()));
                }
            }
            case DISCONNECT -> socket.lifecycle().disconnect(false, RateLimit.EXCEEDED);
            case DROP -> { }
        }
        return false;
    }
}
