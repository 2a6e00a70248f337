package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link EngineRequest} snapshots from Netty requests. Stateless. */
final class Requests {
    private Requests() {
    }

    static Map<String, String> firstValues(QueryStringDecoder decoder) {
        Map<String, String> query = new LinkedHashMap<>();
        decoder.parameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        return query;
    }

    static EngineRequest snapshot(ChannelHandlerContext ctx, HttpRequest req, Map<String, String> query) {
        Map<String, List<String>> headers = new HashMap<>();
        req.headers().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(e.getValue()));
        headers.replaceAll((k, v) -> List.copyOf(v));
        SocketAddress remote = ctx.channel().remoteAddress();
        InetSocketAddress address = remote instanceof InetSocketAddress isa ? isa : null;
        boolean secure = ctx.pipeline().get(SslHandler.class) != null;
        return new EngineRequest(req.uri(), headers, query, address, secure);
    }
}
