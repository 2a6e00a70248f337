package dev.socketeer.core;

import java.util.Objects;

/**
 * A per-socket limit on the events a client sends, as a token bucket: a socket starts with {@link #burst()}
 * tokens, each event takes one, and tokens come back at {@link #eventsPerSecond()} up to {@code burst}. An
 * event that finds no token is handled by {@link #action()}. Only EVENT packets count (acknowledgements,
 * CONNECT and DISCONNECT do not); each socket of a client, one per namespace, has its own bucket. Node has no
 * such option.
 *
 * <p>Set it for the whole server ({@link SocketIoServer.Builder#rateLimit}) and per namespace
 * ({@link Namespace#rateLimit(RateLimit)}, {@link ParentNamespace#rateLimit(RateLimit)}); {@link #NONE} (the
 * default) is no limit. The bucket is refilled from the clock when an event arrives (no timer per socket) and
 * is touched only on the socket's own serial executor, without locks.
 *
 * <p>Immutable; safe to share across threads.
 */
public final class RateLimit {
    /** No limit: every event is handled. */
    public static final RateLimit NONE = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE, RateLimitAction.DROP);

    /**
     * The {@code message} of the {@link RateLimitAction#ERROR_ACK} answer and the description of a
     * {@link RateLimitAction#DISCONNECT}.
     */
    public static final String EXCEEDED = "rate limit exceeded";

    private final double eventsPerSecond;
    private final int burst;
    private final RateLimitAction action;

    private RateLimit(double eventsPerSecond, int burst, RateLimitAction action) {
        this.eventsPerSecond = eventsPerSecond;
        this.burst = burst;
        this.action = action;
    }

    /**
     * A limit of {@code eventsPerSecond} events per second on average, {@code burst} at once.
     *
     * @throws IllegalArgumentException when {@code eventsPerSecond} is not positive and finite, or {@code burst}
     *     is below 1
     */
    public static RateLimit of(double eventsPerSecond, int burst, RateLimitAction action) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("eventsPerSecond: must be positive and finite, was " + eventsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: must be at least 1, was " + burst);
        }
        return new RateLimit(eventsPerSecond, burst, Objects.requireNonNull(action, "action"));
    }

    /** Whether this limits anything (false for {@link #NONE}). */
    public boolean enabled() {
        return this != NONE;
    }

    /** The average rate tokens come back at. */
    public double eventsPerSecond() {
        return eventsPerSecond;
    }

    /** The tokens a socket starts with and may save up: the events it may send at once. */
    public int burst() {
        return burst;
    }

    /** What happens to an event over the limit. */
    public RateLimitAction action() {
        return action;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimit r && r.eventsPerSecond == eventsPerSecond && r.burst == burst && r.action == action;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventsPerSecond, burst, action);
    }

    @Override
    public String toString() {
        return enabled() ? "RateLimit[" + eventsPerSecond + "/s, burst " + burst + ", " + action + "]" : "RateLimit[none]";
    }
}
