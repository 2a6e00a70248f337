package dev.socketeer.engine.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What a response to one HTTP request needs to know about it: where to write, keep-alive, the
 * {@code Origin} (for CORS) and the accepted encodings. Immutable.
 */
record HttpExchange(
        ChannelHandlerContext ctx,
        HttpVersion version,
        boolean keepAlive,
        String origin,
        String acceptEncoding,
        HttpHeaders extraHeaders) {

    static HttpExchange of(ChannelHandlerContext ctx, HttpRequest request) {
        return new HttpExchange(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request),
                request.headers().get(HttpHeaderNames.ORIGIN),
                request.headers().get(HttpHeaderNames.ACCEPT_ENCODING), null);
    }

    /** This exchange answered with {@code Connection: close} (a request whose body is not read). */
    HttpExchange closing() {
        return new HttpExchange(ctx, version, false, origin, acceptEncoding, extraHeaders);
    }

    HttpExchange withExtraHeaders(HttpHeaders headers) {
        return new HttpExchange(ctx, version, keepAlive, origin, acceptEncoding, headers);
    }
}
