package dev.socketeer.engine.internal;

import dev.socketeer.engine.CorsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Writes the engine's HTTP responses: payloads, errors, CORS headers, compression. Stateless. */
public final class HttpResponses {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private HttpResponses() {
    }

    /**
     * A polling payload: {@code text/plain; charset=UTF-8}, compressed when {@code compress}, allowed and
     * large enough.
     */
    static void payload(HttpExchange ex, byte[] body, boolean compress, EngineContext engine) {
        FullHttpResponse res;
        String encoding = compress && engine.options().httpCompression() && body.length >= engine.options().compressionThreshold()
                ? chooseEncoding(ex.acceptEncoding()) : null;
        if (encoding != null) {
            res = response(ex, HttpResponseStatus.OK, Unpooled.wrappedBuffer(compress(body, encoding)));
            res.headers().set(HttpHeaderNames.CONTENT_ENCODING, encoding);
        } else {
            res = response(ex, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
        }
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (ex.extraHeaders() != null) {
            res.headers().add(ex.extraHeaders());
        }
        write(ex, res, engine);
    }

    /** The answer to a polling POST. */
    static void ok(HttpExchange ex, EngineContext engine) {
        FullHttpResponse res = response(ex, HttpResponseStatus.OK, Unpooled.wrappedBuffer(OK));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        write(ex, res, engine);
    }

    /** An Engine.IO error: 400 or 403 with {@code {"code":N,"message":"..."}}, like Node's abortRequest. */
    static void error(HttpExchange ex, EngineError error, String message, EngineContext engine) {
        String json = "{\"code\":" + error.code + ",\"message\":" + jsonString(message == null ? error.message : message) + "}";
        FullHttpResponse res = response(ex, HttpResponseStatus.valueOf(error.httpStatus()),
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        write(ex, res, engine);
    }

    /** A bare status with no body (400 on overlapping polls, 413 on oversized bodies, 404). */
    static void status(HttpExchange ex, HttpResponseStatus status, boolean close, EngineContext engine) {
        FullHttpResponse res = response(ex, status, Unpooled.EMPTY_BUFFER);
        if (close) {
            HttpUtil.setKeepAlive(res, false);
            addCors(ex, res.headers(), engine.options().cors());
            ex.ctx().writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        write(ex, res, engine);
    }

    /**
     * The status answering a request the HTTP codec could not read: 414 for a request line over its limit,
     * 431 for headers over theirs (Node answers 431 to both), 400 otherwise.
     */
    public static HttpResponseStatus decodingFailure(Throwable cause) {
        return cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
    }

    /** The answer to a CORS preflight. */
    static void preflight(HttpExchange ex, String requestHeaders, EngineContext engine) {
        FullHttpResponse res = response(ex, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        CorsOptions cors = engine.options().cors();
        HttpHeaders h = res.headers();
        if (cors != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,PUT,PATCH,POST,DELETE");
            if (!cors.allowedHeaders().isEmpty()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(",", cors.allowedHeaders()));
            } else if (requestHeaders != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestHeaders);
                h.set(HttpHeaderNames.VARY, "Access-Control-Request-Headers");
            }
            if (cors.maxAge() != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, cors.maxAge().toSeconds());
            }
        }
        write(ex, res, engine);
    }

    private static FullHttpResponse response(HttpExchange ex, HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse res = new DefaultFullHttpResponse(ex.version(), status, body);
        HttpUtil.setContentLength(res, body.readableBytes());
        return res;
    }

    private static void write(HttpExchange ex, FullHttpResponse res, EngineContext engine) {
        addCors(ex, res.headers(), engine.options().cors());
        HttpUtil.setKeepAlive(res, ex.keepAlive());
        ChannelFuture f = ex.ctx().writeAndFlush(res);
        if (!ex.keepAlive()) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** CORS headers as Node's {@code cors} middleware writes them: Vary and credentials on every answer. */
    static void addCors(HttpExchange ex, HttpHeaders h, CorsOptions cors) {
        if (cors == null) {
            return;
        }
        if (cors.allowAnyOrigin()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            if (cors.isAllowed(ex.origin())) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ex.origin());
            }
            String vary = h.get(HttpHeaderNames.VARY);
            h.set(HttpHeaderNames.VARY, vary == null ? "Origin" : "Origin, " + vary);
        }
        if (cors.allowCredentials()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (!cors.exposedHeaders().isEmpty()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", cors.exposedHeaders()));
        }
    }

    private static String chooseEncoding(String acceptEncoding) {
        if (acceptEncoding == null) {
            return null;
        }
        String a = acceptEncoding.toLowerCase(java.util.Locale.ROOT);
        if (a.contains("gzip")) {
            return "gzip";
        }
        return a.contains("deflate") ? "deflate" : null;
    }

    private static byte[] compress(byte[] body, String encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
        try (var z = encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out, new Deflater())) {
            z.write(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
