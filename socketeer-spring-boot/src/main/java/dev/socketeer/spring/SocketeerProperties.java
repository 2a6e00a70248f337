package dev.socketeer.spring;

import dev.socketeer.core.RateLimitAction;
import dev.socketeer.engine.EngineTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code socketeer.*} properties, with Node's defaults: every {@code EngineOptions} and
 * {@code ServerOptions} option that a value can express, and the choice of cluster adapter
 * ({@code socketeer.adapter}). Those that take code ({@code allowRequest}, another {@code adapter},
 * {@code handlerExecutor}, {@code listeners}) are set with a {@link SocketIoServerCustomizer};
 * {@code jsonMapper} is the application's {@code JsonMapper} bean. Lists
 * such as {@code socketeer.cors.allowed-origins} may be given as a comma-separated string, e.g. in the
 * environment variable {@code SOCKETEER_CORS_ALLOWED_ORIGINS}.
 *
 * <p>Lifecycle: bound once at startup and read when the {@code SocketIoServer} bean is built; later
 * changes have no effect. Not thread safe (a JavaBean for binding only).
 */
@ConfigurationProperties("socketeer")
public class SocketeerProperties {
    /** The Engine.IO endpoint path. */
    private String path = "/socket.io/";
    /** How often the server pings. */
    private Duration pingInterval = Duration.ofSeconds(25);
    /** How long the server waits for a pong before closing. */
    private Duration pingTimeout = Duration.ofSeconds(20);
    /** How long a transport upgrade may take. */
    private Duration upgradeTimeout = Duration.ofSeconds(10);
    /** Largest polling body or websocket message accepted. */
    private DataSize maxHttpBufferSize = DataSize.ofBytes(1_000_000);
    /** Bytes a session may have queued before it is closed as a slow consumer. */
    private DataSize maxOutboundBuffer = DataSize.ofMegabytes(16);
    /** The transports offered. */
    private List<EngineTransport> transports = new ArrayList<>(List.of(EngineTransport.POLLING, EngineTransport.WEBSOCKET));
    /** Whether polling clients may upgrade to websocket. */
    private boolean allowUpgrades = true;
    /** How long a client may stay without joining a namespace. */
    private Duration connectTimeout = Duration.ofSeconds(45);
    /** Whether websocket messages use permessage-deflate. */
    private boolean perMessageDeflate = false;
    /** Whether polling responses are compressed. */
    private boolean httpCompression = true;
    /** Smallest response (bytes) that compression applies to. */
    private DataSize compressionThreshold = DataSize.ofKilobytes(1);
    /** Whether an empty dynamic child namespace is removed. */
    private boolean cleanupEmptyChildNamespaces = false;
    /** A dedicated port: when set, Socket.IO gets its own Netty server instead of the WebFlux one. */
    private @Nullable Integer port;
    /** The address the dedicated server binds. */
    private String host = "0.0.0.0";
    /** Dedicated port only: the server's event loops (I/O threads); 0 means one per core. */
    private int ioThreads = 0;
    /**
     * Dedicated port only: how long a connection may stay without a request in progress or an answer
     * pending (zero: no limit). On the shared port, Spring's {@code server.netty.idle-timeout} applies.
     */
    private Duration idleTimeout = Duration.ofSeconds(60);
    /**
     * How long a request head may take to arrive (Node's headersTimeout): on the dedicated port, and on the
     * shared port for every request of that port (REST too).
     */
    private Duration headersTimeout = Duration.ofSeconds(60);
    /**
     * How long a whole request may take to arrive (Node's requestTimeout): on the dedicated port, and on the
     * shared port for every request of that port (REST too).
     */
    private Duration requestTimeout = Duration.ofSeconds(300);
    /** Inbound back-pressure: a client is not read while more of its packets wait for its handlers. */
    private int maxQueuedPackets = 256;
    /** Inbound back-pressure: a client is not read while more writes its handlers made wait for event loops. */
    private long maxQueuedSends = 65_536;
    /** Namespaces one client may be connected to at once; a CONNECT beyond gets CONNECT_ERROR "too many namespaces". */
    private int maxNamespacesPerClient = 100;
    /** Rooms one socket may be in (its own included); a join beyond throws. */
    private int maxRoomsPerSocket = 10_000;
    /** Acknowledgements the server may wait for from one socket; an emit with an ack beyond fails at once. */
    private int maxPendingAcks = 10_000;
    /** Child namespaces clients' CONNECTs may create through dynamic namespaces; beyond: "too many namespaces". */
    private int maxChildNamespaces = 10_000;
    /** Engine.IO sessions this server holds at most (0: no limit); a handshake beyond gets 403 "too many clients". */
    private int maxClients = 0;
    private final RateLimit rateLimit = new RateLimit();
    private final Cors cors = new Cors();
    private final Cookie cookie = new Cookie();
    private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();
    private final Auth auth = new Auth();
    /**
     * The cluster adapter: {@code memory} (one process) or {@code redis} (a cluster over Redis pub/sub,
     * wire-compatible with Node's {@code @socket.io/redis-adapter}; needs {@code socketeer-redis} on the
     * class path and takes the connection from {@code spring.data.redis.*}) or {@code redis-streams} (the
     * same over Redis Streams, wire-compatible with Node's {@code @socket.io/redis-streams-adapter}, with
     * connection state recovery across nodes when {@code socketeer.connection-state-recovery} is enabled) or
     * {@code redis-sharded} (Redis 7's sharded pub/sub, wire-compatible with Node's {@code createShardedAdapter}).
     */
    private AdapterType adapter = AdapterType.MEMORY;
    private final Redis redis = new Redis();

    /** The values of {@code socketeer.adapter}. */
    public enum AdapterType {
        /** The in-memory adapter: broadcasts reach this process's clients only. */
        MEMORY,
        /** Redis pub/sub, like Node's {@code @socket.io/redis-adapter}. */
        REDIS,
        /** Redis Streams, like Node's {@code @socket.io/redis-streams-adapter}. */
        REDIS_STREAMS,
        /** Redis 7's sharded pub/sub, like Node's {@code createShardedAdapter} of {@code @socket.io/redis-adapter}. */
        REDIS_SHARDED
    }

    /**
     * The Redis adapters ({@code socketeer.adapter=redis}, {@code redis-streams} or {@code redis-sharded}); the connection is
     * {@code spring.data.redis.*}.
     */
    public static class Redis {
        /**
         * The channel prefix (Node's {@code key}; with {@code redis-streams} its {@code channelPrefix} and
         * {@code streamName}): nodes with the same key form one cluster.
         */
        private String key = "socket.io";
        /** How long a cluster request waits for the other nodes' answers (Node's {@code requestsTimeout}). */
        private Duration requestsTimeout = Duration.ofSeconds(5);
        /**
         * With {@code redis-sharded}: Node's {@code subscriptionMode}, {@code static}, {@code dynamic} or
         * {@code dynamic-private}.
         */
        private String subscriptionMode = "dynamic";

        public String getSubscriptionMode() { return subscriptionMode; }
        public void setSubscriptionMode(String v) { this.subscriptionMode = v; }
        public String getKey() { return key; }
        public void setKey(String v) { this.key = v; }
        public Duration getRequestsTimeout() { return requestsTimeout; }
        public void setRequestsTimeout(Duration v) { this.requestsTimeout = v; }
    }

    /** Cross-origin policy of the endpoint; none unless {@code allowed-origins} is set. */
    public static class Cors {
        /** Exact origins, or "*" for any. */
        private List<String> allowedOrigins = new ArrayList<>();
        private boolean allowCredentials = false;
        private List<String> allowedHeaders = new ArrayList<>();
        private List<String> exposedHeaders = new ArrayList<>();
        /** How long browsers may cache a preflight answer. */
        private @Nullable Duration maxAge;

        public List<String> getAllowedOrigins() { return allowedOrigins; }
        public void setAllowedOrigins(List<String> v) { this.allowedOrigins = v; }
        public boolean isAllowCredentials() { return allowCredentials; }
        public void setAllowCredentials(boolean v) { this.allowCredentials = v; }
        public List<String> getAllowedHeaders() { return allowedHeaders; }
        public void setAllowedHeaders(List<String> v) { this.allowedHeaders = v; }
        public List<String> getExposedHeaders() { return exposedHeaders; }
        public void setExposedHeaders(List<String> v) { this.exposedHeaders = v; }
        public @Nullable Duration getMaxAge() { return maxAge; }
        public void setMaxAge(@Nullable Duration v) { this.maxAge = v; }
    }

    /** The optional session cookie of the handshake (for sticky sessions). */
    public static class Cookie {
        private boolean enabled = false;
        private String name = "io";
        private String path = "/";
        private boolean httpOnly = true;
        /** SameSite attribute; empty for none. */
        private @Nullable String sameSite = "Lax";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { this.enabled = v; }
        public String getName() { return name; }
        public void setName(String v) { this.name = v; }
        public String getPath() { return path; }
        public void setPath(String v) { this.path = v; }
        public boolean isHttpOnly() { return httpOnly; }
        public void setHttpOnly(boolean v) { this.httpOnly = v; }
        public @Nullable String getSameSite() { return sameSite; }
        public void setSameSite(@Nullable String v) { this.sameSite = v; }
    }

    /** Connection state recovery (off by default, like Node). */
    public static class ConnectionStateRecovery {
        private boolean enabled = false;
        private Duration maxDisconnectionDuration = Duration.ofMinutes(2);
        private boolean skipMiddlewares = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { this.enabled = v; }
        public Duration getMaxDisconnectionDuration() { return maxDisconnectionDuration; }
        public void setMaxDisconnectionDuration(Duration v) { this.maxDisconnectionDuration = v; }
        public boolean isSkipMiddlewares() { return skipMiddlewares; }
        public void setSkipMiddlewares(boolean v) { this.skipMiddlewares = v; }
    }

    /**
     * The per-socket event rate limit (none unless {@code events-per-second} is set): a token bucket of
     * {@code burst} events refilled at {@code events-per-second}, and the {@code action} over it
     * ({@code drop}, {@code error-ack} or {@code disconnect}). {@code namespaces} replaces it per namespace
     * name (e.g. {@code socketeer.rate-limit.namespaces.[/chat].events-per-second}); an entry without
     * {@code events-per-second} switches the limit off for that namespace.
     */
    public static class RateLimit extends NamespaceRateLimit {
        /** Limits that replace this one in the namespaces named. */
        private Map<String, NamespaceRateLimit> namespaces = new LinkedHashMap<>();

        public Map<String, NamespaceRateLimit> getNamespaces() { return namespaces; }
        public void setNamespaces(Map<String, NamespaceRateLimit> v) { this.namespaces = v; }
    }

    /** The rate limit of one namespace; without {@code events-per-second}, none there. */
    public static class NamespaceRateLimit {
        /** Events per second a socket may send on average; unset: no limit. */
        private @Nullable Double eventsPerSecond;
        /** Events a socket may send at once; unset: {@code events-per-second} rounded up. */
        private @Nullable Integer burst;
        /** What happens to an event over the limit. */
        private RateLimitAction action = RateLimitAction.DROP;

        public @Nullable Double getEventsPerSecond() { return eventsPerSecond; }
        public void setEventsPerSecond(@Nullable Double v) { this.eventsPerSecond = v; }
        public @Nullable Integer getBurst() { return burst; }
        public void setBurst(@Nullable Integer v) { this.burst = v; }
        public RateLimitAction getAction() { return action; }
        public void setAction(RateLimitAction v) { this.action = v; }
    }

    /** Handshake authentication. */
    public static class Auth {
        /** The policy of gateways with {@code auth = DEFAULT} and of "/" without a gateway. */
        private AuthPolicy defaultPolicy = AuthPolicy.NONE;

        public AuthPolicy getDefaultPolicy() { return defaultPolicy; }
        public void setDefaultPolicy(AuthPolicy v) { this.defaultPolicy = v; }
    }

    public String getPath() { return path; }
    public void setPath(String v) { this.path = v; }
    public Duration getPingInterval() { return pingInterval; }
    public void setPingInterval(Duration v) { this.pingInterval = v; }
    public Duration getPingTimeout() { return pingTimeout; }
    public void setPingTimeout(Duration v) { this.pingTimeout = v; }
    public Duration getUpgradeTimeout() { return upgradeTimeout; }
    public void setUpgradeTimeout(Duration v) { this.upgradeTimeout = v; }
    public DataSize getMaxHttpBufferSize() { return maxHttpBufferSize; }
    public void setMaxHttpBufferSize(DataSize v) { this.maxHttpBufferSize = v; }
    public DataSize getMaxOutboundBuffer() { return maxOutboundBuffer; }
    public void setMaxOutboundBuffer(DataSize v) { this.maxOutboundBuffer = v; }
    public List<EngineTransport> getTransports() { return transports; }
    public void setTransports(List<EngineTransport> v) { this.transports = v; }
    public boolean isAllowUpgrades() { return allowUpgrades; }
    public void setAllowUpgrades(boolean v) { this.allowUpgrades = v; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration v) { this.connectTimeout = v; }
    public boolean isPerMessageDeflate() { return perMessageDeflate; }
    public void setPerMessageDeflate(boolean v) { this.perMessageDeflate = v; }
    public boolean isHttpCompression() { return httpCompression; }
    public void setHttpCompression(boolean v) { this.httpCompression = v; }
    public DataSize getCompressionThreshold() { return compressionThreshold; }
    public void setCompressionThreshold(DataSize v) { this.compressionThreshold = v; }
    public boolean isCleanupEmptyChildNamespaces() { return cleanupEmptyChildNamespaces; }
    public void setCleanupEmptyChildNamespaces(boolean v) { this.cleanupEmptyChildNamespaces = v; }
    public @Nullable Integer getPort() { return port; }
    public void setPort(@Nullable Integer v) { this.port = v; }
    public String getHost() { return host; }
    public void setHost(String v) { this.host = v; }
    public int getIoThreads() { return ioThreads; }
    public void setIoThreads(int v) { this.ioThreads = v; }
    public Duration getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(Duration v) { this.idleTimeout = v; }
    public Duration getHeadersTimeout() { return headersTimeout; }
    public void setHeadersTimeout(Duration v) { this.headersTimeout = v; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration v) { this.requestTimeout = v; }
    public int getMaxQueuedPackets() { return maxQueuedPackets; }
    public void setMaxQueuedPackets(int v) { this.maxQueuedPackets = v; }
    public long getMaxQueuedSends() { return maxQueuedSends; }
    public void setMaxQueuedSends(long v) { this.maxQueuedSends = v; }
    public int getMaxNamespacesPerClient() { return maxNamespacesPerClient; }
    public void setMaxNamespacesPerClient(int v) { this.maxNamespacesPerClient = v; }
    public int getMaxRoomsPerSocket() { return maxRoomsPerSocket; }
    public void setMaxRoomsPerSocket(int v) { this.maxRoomsPerSocket = v; }
    public int getMaxPendingAcks() { return maxPendingAcks; }
    public void setMaxPendingAcks(int v) { this.maxPendingAcks = v; }
    public int getMaxChildNamespaces() { return maxChildNamespaces; }
    public void setMaxChildNamespaces(int v) { this.maxChildNamespaces = v; }
    public int getMaxClients() { return maxClients; }
    public void setMaxClients(int v) { this.maxClients = v; }
    public RateLimit getRateLimit() { return rateLimit; }
    public Cors getCors() { return cors; }
    public Cookie getCookie() { return cookie; }
    public ConnectionStateRecovery getConnectionStateRecovery() { return connectionStateRecovery; }
    public Auth getAuth() { return auth; }
    public AdapterType getAdapter() { return adapter; }
    public void setAdapter(AdapterType v) { this.adapter = v; }
    public Redis getRedis() { return redis; }
}
