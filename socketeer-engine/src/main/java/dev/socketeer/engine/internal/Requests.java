package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link EngineRequest} snapshots from Netty requests. Thread safe.
 *
 * <p>A snapshot lives as long as its session, and most of its strings (header names, {@code websocket},
 * {@code 13}, the host, the handshake URL, {@code EIO=4}) are the same for every client: they go through a
 * small direct-mapped cache so that idle sessions share one copy instead of holding one each.
 */
final class Requests {
    private static final int CACHE_SLOTS = 512; // a power of two
    private static final int CACHE_MAX_LENGTH = 128;
    /** Racy by design: a String is immutable, so a stale or lost slot only costs a duplicate. */
    private static final String[] SHARED = new String[CACHE_SLOTS];

    private Requests() {
    }

    /** An equal string from the cache, or {@code s} (then cached, replacing the slot's previous string). */
    static String shared(String s) {
        if (s.length() > CACHE_MAX_LENGTH) {
            return s;
        }
        int h = s.hashCode();
        int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
        String cached = SHARED[slot];
        if (s.equals(cached)) {
            return cached;
        }
        SHARED[slot] = s;
        return s;
    }

    static EngineRequest snapshot(ChannelHandlerContext ctx, HttpRequest req, QueryStringDecoder query) {
        Map<String, List<String>> headers = new LinkedHashMap<>(); // arrival order, as Node's objects keep it
        req.headers().forEach(e -> headers.computeIfAbsent(shared(e.getKey().toLowerCase(Locale.ROOT)), k -> new ArrayList<>(1))
                .add(shared(e.getValue())));
        Map<String, List<String>> sharedQuery = new LinkedHashMap<>();
        query.parameters().forEach((k, v) -> sharedQuery.put(shared(k), v.stream().map(Requests::shared).toList()));
        SocketAddress remote = ctx.channel().remoteAddress();
        InetSocketAddress address = remote instanceof InetSocketAddress isa ? isa : null;
        boolean secure = ctx.pipeline().get(SslHandler.class) != null;
        return new EngineRequest(shared(req.uri()), headers, sharedQuery, address, secure);
    }
}
