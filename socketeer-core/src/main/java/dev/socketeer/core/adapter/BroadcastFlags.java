package dev.socketeer.core.adapter;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The modifiers of a broadcast, Node's {@code BroadcastFlags}.
 *
 * <p>Immutable; safe to share across threads.
 *
 * @param volatile_ drop for clients whose transport cannot take the packet now
 * @param compress whether the packet may be compressed
 * @param local only this server (a cluster adapter does not publish it)
 * @param timeout the acknowledgement timeout, or {@code null}
 */
public record BroadcastFlags(boolean volatile_, boolean compress, boolean local, @Nullable Duration timeout) {

    /** No flags: not volatile, compressed, cluster-wide, no timeout. */
    public static final BroadcastFlags NONE = new BroadcastFlags(false, true, false, null);

    public BroadcastFlags withVolatile() {
        return new BroadcastFlags(true, compress, local, timeout);
    }

    public BroadcastFlags withCompress(boolean compress) {
        return new BroadcastFlags(volatile_, compress, local, timeout);
    }

    public BroadcastFlags withLocal() {
        return new BroadcastFlags(volatile_, compress, true, timeout);
    }

    public BroadcastFlags withTimeout(@Nullable Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: must not be negative, was " + timeout);
        }
        return new BroadcastFlags(volatile_, compress, local, timeout);
    }
}
