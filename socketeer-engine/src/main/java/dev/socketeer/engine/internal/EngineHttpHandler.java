package dev.socketeer.engine.internal;

import dev.socketeer.engine.AllowRequest;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.CorsOptions;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves Engine.IO requests under the configured path on one HTTP connection and passes every other
 * request on. Verifies each request as Node's {@code Server#verify} does, answers errors 0–5, and
 * hands polling requests and websocket upgrades to their session. Not sharable: one per channel;
 * runs on the channel's event loop.
 */
public final class EngineHttpHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineHttpHandler.class);

    private final EngineContext engine;
    private final EngineOptions options;
    private boolean passThrough;
    private Pending pending;

    public EngineHttpHandler(EngineContext engine) {
        this.engine = engine;
        this.options = engine.options();
    }

    /** The request being received: its head, where it goes, and a POST body so far. */
    private static final class Pending {
        final HttpRequest request;
        final HttpExchange exchange;
        final QueryStringDecoder query;
        Session session;
        PollingTransport polling;
        ByteArrayOutputStream body;
        boolean done;

        Pending(HttpRequest request, HttpExchange exchange, QueryStringDecoder query) {
            this.request = request;
            this.exchange = exchange;
            this.query = query;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            if (!isEnginePath(query.path())) {
                passThrough = true;
                ctx.fireChannelRead(msg);
                return;
            }
            passThrough = false;
            pending = new Pending(req, HttpExchange.of(ctx, req), query);
            onHead(ctx, pending);
            if (!(msg instanceof HttpContent)) {
                return;
            }
        } else if (passThrough || !(msg instanceof HttpContent)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpContent content = (HttpContent) msg;
        try {
            onContent(ctx, content);
        } finally {
            content.release();
        }
    }

    private boolean isEnginePath(String path) {
        String p = options.path();
        return path.equals(p) || path.equals(p.substring(0, p.length() - 1));
    }

    private void onHead(ChannelHandlerContext ctx, Pending r) {
        HttpRequest req = r.request;
        HttpExchange ex = r.exchange;
        if (req.decoderResult().isFailure()) {
            r.done = true;
            HttpResponses.status(ex, HttpResponseStatus.BAD_REQUEST, true, engine);
            return;
        }
        if (req.method().equals(HttpMethod.POST)) {
            long length = HttpUtil.getContentLength(req, -1L);
            if (length > options.maxHttpBufferSize()) {
                rejectTooLarge(r);
                return;
            }
            r.body = new ByteArrayOutputStream((int) Math.max(0, Math.min(length, 64 * 1024)));
        }
        if (req.method().equals(HttpMethod.OPTIONS) && options.cors() != null) {
            String origin = ex.origin();
            if (origin != null && !options.cors().isAllowed(origin)) {
                r.done = true; // deliberate deviation from Node: a disallowed origin is refused, preflight too
                HttpResponses.error(ex, EngineError.FORBIDDEN, null, engine);
            }
            return; // preflight, answered at the end of the request
        }
        EngineError error = verify(r);
        if (error != null) {
            r.done = true;
            if (isUpgrade(req)) {
                WebSocketUpgrades.abort(ctx, error.message);
            } else {
                HttpResponses.error(ex, error, null, engine);
            }
            return;
        }
        if (r.session != null && req.method().equals(HttpMethod.POST)) {
            Session s = r.session;
            s.eventLoop().execute(() -> {
                if (s.currentTransport() instanceof PollingTransport polling && polling.beginPost(ex)) {
                    r.polling = polling;
                }
            });
        }
    }

    private void rejectTooLarge(Pending r) {
        r.done = true;
        r.body = null;
        if (r.polling != null || r.session != null) {
            Session s = r.session;
            s.eventLoop().execute(() -> {
                if (s.currentTransport() instanceof PollingTransport polling) {
                    polling.abortPost();
                }
            });
        }
        HttpResponses.status(r.exchange, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, engine);
    }

    /** Node's verify(): transport, origin, sid or handshake method. Returns null when the request may go on. */
    private EngineError verify(Pending r) {
        HttpRequest req = r.request;
        Map<String, String> q = Requests.firstValues(r.query);
        EngineTransport transport = EngineTransport.fromWireName(q.get("transport"));
        if (transport == null || !options.transports().contains(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        String origin = r.exchange.origin();
        if (origin != null && !validHeaderValue(origin)) {
            return EngineError.BAD_REQUEST;
        }
        CorsOptions cors = options.cors();
        boolean upgrade = isUpgrade(req);
        if (origin != null && (cors != null ? !cors.isAllowed(origin)
                : upgrade && !sameOrigin(origin, req.headers().get(HttpHeaderNames.HOST)))) {
            return EngineError.FORBIDDEN;
        }
        String sid = q.get("sid");
        if (sid != null) {
            Session session = engine.session(sid);
            if (session == null) {
                return EngineError.UNKNOWN_SID;
            }
            if (upgrade ? transport != EngineTransport.WEBSOCKET || !options.allowUpgrades()
                    : transport != session.transport()) {
                return EngineError.BAD_REQUEST;
            }
            r.session = session;
            return null;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            return EngineError.BAD_HANDSHAKE_METHOD;
        }
        if (transport == EngineTransport.WEBSOCKET && !upgrade) {
            return EngineError.BAD_REQUEST;
        }
        if (engine.isClosed()) {
            return EngineError.FORBIDDEN;
        }
        return null;
    }

    /** Without a CORS policy a websocket is accepted only from a page of the server's own origin. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static boolean validHeaderValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    static boolean isUpgrade(HttpRequest req) {
        return req.method().equals(HttpMethod.GET)
                && "websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE));
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        Pending r = pending;
        if (r == null || r.done) {
            return;
        }
        if (r.body != null) {
            int n = content.content().readableBytes();
            if (r.body.size() + (long) n > options.maxHttpBufferSize()) {
                rejectTooLarge(r);
                return;
            }
            r.body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(content.content()));
        }
        if (content instanceof LastHttpContent) {
            r.done = true;
            pending = null;
            onComplete(ctx, r);
        }
    }

    private void onComplete(ChannelHandlerContext ctx, Pending r) {
        HttpRequest req = r.request;
        HttpExchange ex = r.exchange;
        if (req.method().equals(HttpMethod.OPTIONS) && options.cors() != null) {
            HttpResponses.preflight(ex, req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), engine);
            return;
        }
        Session session = r.session;
        if (session == null) {
            handshake(ctx, r);
        } else if (isUpgrade(req)) {
            WebSocketUpgrades.upgradeSession(ctx, req, engine, session);
        } else if (req.method().equals(HttpMethod.GET)) {
            session.eventLoop().execute(() -> {
                if (session.currentTransport() instanceof PollingTransport polling) {
                    polling.onGet(ex);
                } else {
                    HttpResponses.error(ex, EngineError.BAD_REQUEST, null, engine);
                }
            });
        } else if (req.method().equals(HttpMethod.POST)) {
            String body = r.body.toString(StandardCharsets.UTF_8);
            boolean binary = "application/octet-stream".equalsIgnoreCase(req.headers().get(HttpHeaderNames.CONTENT_TYPE));
            session.eventLoop().execute(() -> {
                PollingTransport polling = r.polling;
                if (polling == null) {
                    return; // refused at the head (overlap or upgraded); already answered
                }
                if (binary) {
                    polling.abortPost();
                    HttpResponses.status(ex, HttpResponseStatus.BAD_REQUEST, false, engine);
                    session.onTransportError("invalid content");
                    return;
                }
                polling.endPost(ex, body);
            });
        } else {
            HttpResponses.status(ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, false, engine);
        }
    }

    private void handshake(ChannelHandlerContext ctx, Pending r) {
        AllowRequest allow = options.allowRequest();
        EngineRequest snapshot = Requests.snapshot(ctx, r.request, Requests.firstValues(r.query));
        if (allow == null) {
            completeHandshake(ctx, r, snapshot);
            return;
        }
        // Node asks allowRequest before it checks the protocol version.
        AtomicBoolean answered = new AtomicBoolean();
        allow.check(snapshot, new AllowRequest.Callback() {
            @Override
            public void allow() {
                if (answered.compareAndSet(false, true)) {
                    ctx.executor().execute(() -> completeHandshake(ctx, r, snapshot));
                }
            }

            @Override
            public void deny(String message) {
                if (answered.compareAndSet(false, true)) {
                    ctx.executor().execute(() -> {
                        if (isUpgrade(r.request)) {
                            WebSocketUpgrades.abort(ctx, message == null ? EngineError.FORBIDDEN.message : message);
                        } else {
                            HttpResponses.error(r.exchange, EngineError.FORBIDDEN, message, engine);
                        }
                    });
                }
            }
        });
    }

    private void completeHandshake(ChannelHandlerContext ctx, Pending r, EngineRequest snapshot) {
        if (!ctx.channel().isActive()) {
            return; // the client left while allowRequest was deciding
        }
        boolean upgrade = isUpgrade(r.request);
        if (!"4".equals(snapshot.query().get("EIO"))) {
            if (upgrade) {
                WebSocketUpgrades.abort(ctx, EngineError.UNSUPPORTED_PROTOCOL_VERSION.message);
            } else {
                HttpResponses.error(r.exchange, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null, engine);
            }
            return;
        }
        String sid = engine.newSid();
        if (upgrade) {
            WebSocketUpgrades.handshake(ctx, r.request, engine, sid, snapshot); // Node sets no cookie here
            return;
        }
        HttpHeaders cookie = cookieHeaders(sid);
        HttpExchange ex = cookie == null ? r.exchange : r.exchange.withExtraHeaders(cookie);
        engine.openSession(sid, snapshot, ctx.channel().eventLoop(), s -> new PollingTransport(s, engine),
                s -> ((PollingTransport) s.currentTransport()).onGet(ex));
    }

    /** The {@code Set-Cookie} header for the optional session cookie, or null. */
    private HttpHeaders cookieHeaders(String sid) {
        CookieOptions c = options.cookie();
        if (c == null) {
            return null;
        }
        StringBuilder v = new StringBuilder(c.name()).append('=').append(sid).append("; Path=").append(c.path());
        if (c.httpOnly()) {
            v.append("; HttpOnly");
        }
        if (c.sameSite() != null) {
            v.append("; SameSite=").append(c.sameSite());
        }
        return new DefaultHttpHeaders().add(HttpHeaderNames.SET_COOKIE, v.toString());
    }

    /** A POST cut off mid-body is a transport error, as in Node ("data request connection closed prematurely"). */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Pending r = pending;
        pending = null;
        if (r != null && !r.done && r.session != null && r.request.method().equals(HttpMethod.POST)) {
            Session s = r.session;
            s.eventLoop().execute(() -> {
                if (r.polling != null) {
                    r.polling.abortPost();
                    s.onTransportError(r.polling, "data request connection closed prematurely");
                }
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing HTTP connection {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
