package dev.socketeer.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of an {@link EngineServer}, with Node's defaults.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>path</td><td>{@code /socket.io/}</td></tr>
 *   <tr><td>pingInterval</td><td>25 s</td></tr>
 *   <tr><td>pingTimeout</td><td>20 s</td></tr>
 *   <tr><td>upgradeTimeout</td><td>10 s</td></tr>
 *   <tr><td>maxHttpBufferSize</td><td>1,000,000 bytes</td></tr>
 *   <tr><td>transports</td><td>polling, websocket</td></tr>
 *   <tr><td>allowUpgrades</td><td>true</td></tr>
 *   <tr><td>allowRequest</td><td>none (all allowed)</td></tr>
 *   <tr><td>cors</td><td>none (no CORS headers; websockets from the same origin only)</td></tr>
 *   <tr><td>cookie</td><td>none</td></tr>
 *   <tr><td>perMessageDeflate</td><td>false</td></tr>
 *   <tr><td>httpCompression</td><td>true (responses of 1 KiB or more)</td></tr>
 *   <tr><td>maxOutboundBuffer</td><td>16 MiB queued per session before it is closed</td></tr>
 *   <tr><td>idleTimeout</td><td>60 s (standalone server only)</td></tr>
 *   <tr><td>headersTimeout</td><td>60 s, like Node (standalone server only)</td></tr>
 *   <tr><td>requestTimeout</td><td>300 s, like Node (standalone server only)</td></tr>
 *   <tr><td>maxClients</td><td>0: no limit, like Node</td></tr>
 * </table>
 *
 * <p>Immutable; safe to share across threads.
 */
public final class EngineOptions {
    /** The defaults. */
    public static final EngineOptions DEFAULT = newBuilder().build();

    private final String path;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final Duration upgradeTimeout;
    private final int maxHttpBufferSize;
    private final Set<EngineTransport> transports;
    private final boolean allowUpgrades;
    private final @Nullable AllowRequest allowRequest;
    private final @Nullable CorsOptions cors;
    private final @Nullable CookieOptions cookie;
    private final boolean perMessageDeflate;
    private final boolean httpCompression;
    private final int compressionThreshold;
    private final long maxOutboundBuffer;
    private final Duration idleTimeout;
    private final Duration headersTimeout;
    private final Duration requestTimeout;
    private final int maxClients;

    private EngineOptions(Builder b) {
        this.path = b.path;
        this.pingInterval = b.pingInterval;
        this.pingTimeout = b.pingTimeout;
        this.upgradeTimeout = b.upgradeTimeout;
        this.maxHttpBufferSize = b.maxHttpBufferSize;
        this.transports = Set.copyOf(b.transports);
        this.allowUpgrades = b.allowUpgrades;
        this.allowRequest = b.allowRequest;
        this.cors = b.cors;
        this.cookie = b.cookie;
        this.perMessageDeflate = b.perMessageDeflate;
        this.httpCompression = b.httpCompression;
        this.compressionThreshold = b.compressionThreshold;
        this.maxOutboundBuffer = b.maxOutboundBuffer;
        this.idleTimeout = b.idleTimeout;
        this.headersTimeout = b.headersTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxClients = b.maxClients;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.transports = EnumSet.copyOf(transports);
        b.allowUpgrades = allowUpgrades;
        b.allowRequest = allowRequest;
        b.cors = cors;
        b.cookie = cookie;
        b.perMessageDeflate = perMessageDeflate;
        b.httpCompression = httpCompression;
        b.compressionThreshold = compressionThreshold;
        b.maxOutboundBuffer = maxOutboundBuffer;
        b.idleTimeout = idleTimeout;
        b.headersTimeout = headersTimeout;
        b.requestTimeout = requestTimeout;
        b.maxClients = maxClients;
        return b;
    }

    /** The endpoint path, always starting and ending with {@code /}. */
    public String path() {
        return path;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public Duration pingTimeout() {
        return pingTimeout;
    }

    public Duration upgradeTimeout() {
        return upgradeTimeout;
    }

    /** Largest polling body or websocket message accepted, in bytes; also sent as {@code maxPayload}. */
    public int maxHttpBufferSize() {
        return maxHttpBufferSize;
    }

    public Set<EngineTransport> transports() {
        return transports;
    }

    public boolean allowUpgrades() {
        return allowUpgrades;
    }

    /** The request check, or {@code null} to allow every request. */
    public @Nullable AllowRequest allowRequest() {
        return allowRequest;
    }

    /** The CORS policy, or {@code null} for none. */
    public @Nullable CorsOptions cors() {
        return cors;
    }

    /** The handshake cookie, or {@code null} for none. */
    public @Nullable CookieOptions cookie() {
        return cookie;
    }

    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    public boolean httpCompression() {
        return httpCompression;
    }

    /** Smallest response body (bytes) that polling HTTP compression and permessage-deflate compress. */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /** Bytes a session may have queued for the client before it is closed as a slow consumer. */
    public long maxOutboundBuffer() {
        return maxOutboundBuffer;
    }

    /**
     * How long an HTTP connection of the standalone server ({@link EngineHttpServer}) may stay open with no
     * request in progress and no answer pending (before its first request, or between requests); zero for
     * no limit. A held long-poll is not idle, and a websocket is bounded by the heartbeat instead. When the
     * engine is mounted in another server, that server's timeouts apply.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How long the standalone server waits for a request's complete head after its first bytes (Node's
     * {@code server.headersTimeout}); then it answers {@code 408} and closes. Zero for no limit.
     */
    public Duration headersTimeout() {
        return headersTimeout;
    }

    /**
     * How long the standalone server waits for a whole request, head and body, after its first bytes (Node's
     * {@code server.requestTimeout}); then it answers {@code 408} and closes. Zero for no limit.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * The sessions this server holds at most, 0 for no limit (the default; Node has no such option): a handshake
     * beyond it is refused as an {@link AllowRequest} refusal is, HTTP 403 {@code {"code":4,"message":"too many
     * clients"}} (a websocket handshake without polling first: 400 with that message, as Node refuses an
     * upgrade), and the client's reconnection tries again later. Handshakes that arrive at once on several event loops may pass it by their number.
     */
    public int maxClients() {
        return maxClients;
    }

    /** Builds {@link EngineOptions}; validates in {@link #build()}. Not thread safe. */
    public static final class Builder {
        private String path = "/socket.io/";
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private int maxHttpBufferSize = 1_000_000;
        private Set<EngineTransport> transports = EnumSet.allOf(EngineTransport.class);
        private boolean allowUpgrades = true;
        private @Nullable AllowRequest allowRequest;
        private @Nullable CorsOptions cors;
        private @Nullable CookieOptions cookie;
        private boolean perMessageDeflate;
        private boolean httpCompression = true;
        private int compressionThreshold = 1024;
        private long maxOutboundBuffer = 16L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headersTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(300);
        private int maxClients;

        private Builder() {
        }

        /** The endpoint path; a missing leading or trailing slash is added. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            String p = path.startsWith("/") ? path : "/" + path;
            this.path = p.endsWith("/") ? p : p + "/";
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
            return this;
        }

        public Builder pingTimeout(Duration pingTimeout) {
            this.pingTimeout = Objects.requireNonNull(pingTimeout, "pingTimeout");
            return this;
        }

        public Builder upgradeTimeout(Duration upgradeTimeout) {
            this.upgradeTimeout = Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
            return this;
        }

        public Builder maxHttpBufferSize(int maxHttpBufferSize) {
            this.maxHttpBufferSize = maxHttpBufferSize;
            return this;
        }

        public Builder transports(EngineTransport... transports) {
            return transports(List.of(transports));
        }

        public Builder transports(java.util.Collection<EngineTransport> transports) {
            this.transports = transports.isEmpty() ? EnumSet.noneOf(EngineTransport.class) : EnumSet.copyOf(transports);
            return this;
        }

        public Builder allowUpgrades(boolean allowUpgrades) {
            this.allowUpgrades = allowUpgrades;
            return this;
        }

        public Builder allowRequest(@Nullable AllowRequest allowRequest) {
            this.allowRequest = allowRequest;
            return this;
        }

        public Builder cors(@Nullable CorsOptions cors) {
            this.cors = cors;
            return this;
        }

        public Builder cookie(@Nullable CookieOptions cookie) {
            this.cookie = cookie;
            return this;
        }

        public Builder perMessageDeflate(boolean perMessageDeflate) {
            this.perMessageDeflate = perMessageDeflate;
            return this;
        }

        public Builder httpCompression(boolean httpCompression) {
            this.httpCompression = httpCompression;
            return this;
        }

        public Builder compressionThreshold(int compressionThreshold) {
            this.compressionThreshold = compressionThreshold;
            return this;
        }

        public Builder maxOutboundBuffer(long maxOutboundBuffer) {
            this.maxOutboundBuffer = maxOutboundBuffer;
            return this;
        }

        /** See {@link EngineOptions#idleTimeout()}; zero for no limit. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /** See {@link EngineOptions#headersTimeout()}; zero for no limit. */
        public Builder headersTimeout(Duration headersTimeout) {
            this.headersTimeout = Objects.requireNonNull(headersTimeout, "headersTimeout");
            return this;
        }

        /** See {@link EngineOptions#requestTimeout()}; zero for no limit. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** See {@link EngineOptions#maxClients()}; 0 (the default) for no limit. */
        public Builder maxClients(int maxClients) {
            this.maxClients = maxClients;
            return this;
        }

        public EngineOptions build() {
            requirePositive(pingInterval, "pingInterval");
            requirePositive(pingTimeout, "pingTimeout");
            requirePositive(upgradeTimeout, "upgradeTimeout");
            if (maxHttpBufferSize <= 0) {
                throw new IllegalArgumentException("maxHttpBufferSize: must be positive, was " + maxHttpBufferSize);
            }
            if (transports.isEmpty()) {
                throw new IllegalArgumentException("transports: at least one transport is required");
            }
            if (compressionThreshold < 0) {
                throw new IllegalArgumentException("compressionThreshold: must not be negative");
            }
            if (maxOutboundBuffer < maxHttpBufferSize) {
                throw new IllegalArgumentException("maxOutboundBuffer: must be at least maxHttpBufferSize");
            }
            requireNotNegative(idleTimeout, "idleTimeout");
            requireNotNegative(headersTimeout, "headersTimeout");
            requireNotNegative(requestTimeout, "requestTimeout");
            if (!requestTimeout.isZero() && headersTimeout.compareTo(requestTimeout) > 0) {
                // as in Node: the head is part of the request
                throw new IllegalArgumentException("headersTimeout: must not exceed requestTimeout (" + requestTimeout + "), was " + headersTimeout);
            }
            if (maxClients < 0) {
                throw new IllegalArgumentException("maxClients: must not be negative, was " + maxClients);
            }
            return new EngineOptions(this);
        }

        private static void requireNotNegative(Duration d, String name) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + ": must not be negative, was " + d);
            }
        }

        private static void requirePositive(Duration d, String name) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": must be positive, was " + d);
            }
        }
    }
}
