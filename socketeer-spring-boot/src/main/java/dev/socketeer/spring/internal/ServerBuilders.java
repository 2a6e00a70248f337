package dev.socketeer.spring.internal;

import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.RateLimit;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.CorsOptions;
import dev.socketeer.spring.SocketeerProperties;

/**
 * Turns {@link SocketeerProperties} into a {@link SocketIoServer.Builder}. Options that take code
 * ({@code allowRequest}, {@code adapter}, {@code handlerExecutor}, {@code listeners}) are left to
 * customizers. Stateless.
 */
public final class ServerBuilders {
    private ServerBuilders() {
    }

    /** A builder with every option the properties hold; validation happens in its {@code build()}. */
    public static SocketIoServer.Builder fromProperties(SocketeerProperties p) {
        SocketIoServer.Builder b = SocketIoServer.builder()
                .host(p.getHost())
                .port(p.getPort() == null ? 0 : p.getPort())
                .ioThreads(p.getIoThreads())
                .connectTimeout(p.getConnectTimeout())
                .cleanupEmptyChildNamespaces(p.isCleanupEmptyChildNamespaces())
                .maxQueuedPackets(p.getMaxQueuedPackets())
                .maxQueuedSends(p.getMaxQueuedSends())
                .maxNamespacesPerClient(p.getMaxNamespacesPerClient())
                .maxRoomsPerSocket(p.getMaxRoomsPerSocket())
                .maxPendingAcks(p.getMaxPendingAcks())
                .maxChildNamespaces(p.getMaxChildNamespaces())
                .rateLimit(rateLimit(p.getRateLimit()))
                .path(p.getPath())
                .pingInterval(p.getPingInterval())
                .pingTimeout(p.getPingTimeout())
                .upgradeTimeout(p.getUpgradeTimeout())
                .maxHttpBufferSize(Math.toIntExact(p.getMaxHttpBufferSize().toBytes()))
                .maxOutboundBuffer(p.getMaxOutboundBuffer().toBytes())
                .idleTimeout(p.getIdleTimeout())
                .headersTimeout(p.getHeadersTimeout())
                .requestTimeout(p.getRequestTimeout())
                .maxClients(p.getMaxClients())
                .transports(p.getTransports())
                .allowUpgrades(p.isAllowUpgrades())
                .perMessageDeflate(p.isPerMessageDeflate())
                .httpCompression(p.isHttpCompression())
                .compressionThreshold(Math.toIntExact(p.getCompressionThreshold().toBytes()))
                .cors(cors(p.getCors()))
                .cookie(cookie(p.getCookie()));
        SocketeerProperties.ConnectionStateRecovery r = p.getConnectionStateRecovery();
        if (r.isEnabled()) {
            b.connectionStateRecovery(ConnectionStateRecoveryOptions.newBuilder()
                    .maxDisconnectionDuration(r.getMaxDisconnectionDuration())
                    .skipMiddlewares(r.isSkipMiddlewares())
                    .build());
        }
        return b;
    }

    /** Sets the namespaces' own rate limits ({@code socketeer.rate-limit.namespaces}) on a built server. */
    public static void configureNamespaces(SocketIoServer server, SocketeerProperties p) {
        p.getRateLimit().getNamespaces().forEach((name, limit) -> server.of(name).rateLimit(rateLimit(limit)));
    }

    private static RateLimit rateLimit(SocketeerProperties.NamespaceRateLimit limit) {
        Double eventsPerSecond = limit.getEventsPerSecond();
        if (eventsPerSecond == null) {
            return RateLimit.NONE;
        }
        Integer burst = limit.getBurst();
        int size = burst != null ? burst : (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.ceil(eventsPerSecond)));
        return RateLimit.of(eventsPerSecond, size, limit.getAction());
    }

    private static CorsOptions cors(SocketeerProperties.Cors c) {
        if (c.getAllowedOrigins().isEmpty()) {
            return null;
        }
        return CorsOptions.newBuilder()
                .allowedOrigins(c.getAllowedOrigins().stream().map(String::trim).toList())
                .allowCredentials(c.isAllowCredentials())
                .allowedHeaders(c.getAllowedHeaders().toArray(String[]::new))
                .exposedHeaders(c.getExposedHeaders().toArray(String[]::new))
                .maxAge(c.getMaxAge())
                .build();
    }

    private static CookieOptions cookie(SocketeerProperties.Cookie c) {
        if (!c.isEnabled()) {
            return null;
        }
        String sameSite = c.getSameSite() == null || c.getSameSite().isBlank() ? null : c.getSameSite();
        return new CookieOptions(c.getName(), c.getPath(), c.isHttpOnly(), sameSite);
    }
}
