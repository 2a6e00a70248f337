package dev.socketeer.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery, Node's {@code connectionStateRecovery} option: a client that lost its
 * connection for less than {@code maxDisconnectionDuration} gets back its socket id, rooms and data, and
 * the events it missed.
 *
 * <p>Immutable; safe to share across threads.
 */
public final class ConnectionStateRecoveryOptions {
    /** Node's defaults: 2 minutes, middleware skipped on recovery. */
    public static final ConnectionStateRecoveryOptions DEFAULT = newBuilder().build();

    private final Duration maxDisconnectionDuration;
    private final boolean skipMiddlewares;

    private ConnectionStateRecoveryOptions(Builder b) {
        this.maxDisconnectionDuration = b.maxDisconnectionDuration;
        this.skipMiddlewares = b.skipMiddlewares;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxDisconnectionDuration(maxDisconnectionDuration).skipMiddlewares(skipMiddlewares);
    }

    /** How long a disconnected session and the packets it may miss are kept. */
    public Duration maxDisconnectionDuration() {
        return maxDisconnectionDuration;
    }

    /** Whether connection middleware is skipped for a recovered socket. */
    public boolean skipMiddlewares() {
        return skipMiddlewares;
    }

    /** Builds {@link ConnectionStateRecoveryOptions}. Not thread safe. */
    public static final class Builder {
        private Duration maxDisconnectionDuration = Duration.ofMinutes(2);
        private boolean skipMiddlewares = true;

        private Builder() {
        }

        public Builder maxDisconnectionDuration(Duration maxDisconnectionDuration) {
            this.maxDisconnectionDuration = Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
            return this;
        }

        public Builder skipMiddlewares(boolean skipMiddlewares) {
            this.skipMiddlewares = skipMiddlewares;
            return this;
        }

        public ConnectionStateRecoveryOptions build() {
            if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
                throw new IllegalArgumentException(
                        "maxDisconnectionDuration: must be positive, was " + maxDisconnectionDuration);
            }
            return new ConnectionStateRecoveryOptions(this);
        }
    }
}
