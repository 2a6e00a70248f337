package dev.socketeer.engine.internal;

import dev.socketeer.engine.AllowRequest;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineRequest;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves Engine.IO requests under the configured path on one HTTP connection and passes every other
 * request on. Verifies each request head ({@link RequestVerifier}, Node's {@code Server#verify}), answers
 * errors 0–5, and hands handshakes, polling requests ({@link PendingRequest} collects a POST body) and
 * websocket upgrades to their session. Lifecycle: one per channel, until the connection closes or a
 * websocket upgrade replaces it in the pipeline.
 *
 * <p>Threading: not sharable; runs on the channel's event loop, and hops onto a session's loop to touch it.
 */
public final class EngineHttpHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineHttpHandler.class);
    /** The message of a handshake refused at {@code maxClients}. */
    static final String TOO_MANY_CLIENTS = "too many clients";

    private final EngineContext engine;
    private final EngineOptions options;
    private boolean passThrough;
    private final RequestVerifier verifier;
    private PendingRequest pending;

    public EngineHttpHandler(EngineContext engine) {
        this.engine = engine;
        this.options = engine.options();
        this.verifier = new RequestVerifier(engine);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            if (!isEnginePath(req.uri(), options.path())) {
                passThrough = true;
                ctx.fireChannelRead(msg);
                return;
            }
            passThrough = false;
            pending = new PendingRequest(req, HttpExchange.of(ctx, req), new QueryStringDecoder(req.uri()), engine);
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

    /**
     * Whether a request URI is for the engine: its path, compared as sent (not decoded, so that a bad
     * escape elsewhere on a shared port is never the engine's business), is {@code path} with or without
     * its trailing slash.
     */
    public static boolean isEnginePath(String uri, String path) {
        int end = 0;
        while (end < uri.length() && uri.charAt(end) != '?' && uri.charAt(end) != '#') {
            end++;
        }
        return (end == path.length() || end == path.length() - 1) && uri.regionMatches(0, path, 0, end);
    }

    private void onHead(ChannelHandlerContext ctx, PendingRequest r) {
        HttpRequest req = r.request;
        HttpExchange ex = r.exchange;
        if (req.decoderResult().isFailure()) {
            r.done = true;
            HttpResponses.status(ex, HttpResponses.decodingFailure(req.decoderResult().cause()), true, engine);
            return;
        }
        if (!r.queryDecodes()) {
            r.done = true; // a malformed percent-escape: Node's querystring would pass it on undecoded
            if (RequestVerifier.isUpgrade(req)) {
                WebSocketUpgrades.abort(ctx, EngineError.BAD_REQUEST.message);
            } else {
                r.refuse(EngineError.BAD_REQUEST);
            }
            return;
        }
        if (req.method().equals(HttpMethod.OPTIONS) && options.cors() != null) {
            String origin = ex.origin();
            if (origin != null && !options.cors().isAllowed(origin)) {
                r.done = true; // deliberate deviation from Node: a disallowed origin is refused, preflight too
                r.refuse(EngineError.FORBIDDEN);
            }
            return; // preflight, answered at the end of the request
        }
        RequestVerifier.Verdict verdict = verifier.verify(req, r.query.parameters(), ex.origin());
        if (verdict.error() != null) {
            r.done = true;
            if (RequestVerifier.isUpgrade(req)) {
                WebSocketUpgrades.abort(ctx, verdict.error().message);
            } else {
                r.refuse(verdict.error()); // a body that follows is not read: the connection closes
            }
            return;
        }
        r.session = verdict.session();
        // Like Node: the sid is checked before the size, so a large body for an unknown session is a 400
        if (r.session != null && r.isPost() && r.expectBody(HttpUtil.getContentLength(req, -1L))) {
            r.beginPost();
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        PendingRequest r = pending;
        if (r == null || r.done) {
            return;
        }
        r.append(content.content());
        if (r.done) {
            return;
        }
        if (content instanceof LastHttpContent) {
            r.done = true;
            pending = null;
            onComplete(ctx, r);
        }
    }

    private void onComplete(ChannelHandlerContext ctx, PendingRequest r) {
        HttpRequest req = r.request;
        HttpExchange ex = r.exchange;
        if (req.method().equals(HttpMethod.OPTIONS) && options.cors() != null) {
            HttpResponses.preflight(ex, req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), engine);
            return;
        }
        Session session = r.session;
        if (session == null) {
            handshake(ctx, r);
        } else if (RequestVerifier.isUpgrade(req)) {
            WebSocketUpgrades.upgradeSession(ctx, req, engine, session);
        } else if (req.method().equals(HttpMethod.GET)) {
            session.eventLoop().execute(() -> {
                if (session.upgradeProbed()) {
                    // an upgrade packet the websocket's loop already read came first: let it be handled first
                    LoopBarrier.afterOtherLoops(session.eventLoop(), () -> serveGet(session, ex));
                } else {
                    serveGet(session, ex);
                }
            });
        } else if (r.isPost()) {
            r.endPost();
        } else {
            HttpResponses.status(ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, false, engine);
        }
    }

    /** A poll, on the session's loop. */
    private void serveGet(Session session, HttpExchange ex) {
        if (session.isClosed()) {
            HttpResponses.error(ex, EngineError.UNKNOWN_SID, null, engine); // closed since its head was verified
        } else if (session.currentTransport() instanceof PollingTransport polling) {
            polling.onGet(ex);
        } else {
            HttpResponses.error(ex, EngineError.BAD_REQUEST, null, engine);
        }
    }

    private void handshake(ChannelHandlerContext ctx, PendingRequest r) {
        if (options.maxClients() > 0 && engine.clientsCount() >= options.maxClients()) {
            refuse(ctx, r, TOO_MANY_CLIENTS); // answered as an allowRequest refusal, before it is asked
            return;
        }
        AllowRequest allow = options.allowRequest();
        EngineRequest snapshot = Requests.snapshot(ctx, r.request, r.query);
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
                    ctx.executor().execute(() -> refuse(ctx, r, message));
                }
            }
        });
    }

    /** Refuses a handshake with 403 {@code {"code":4,"message":...}}, Node's answer to an allowRequest refusal. */
    private void refuse(ChannelHandlerContext ctx, PendingRequest r, String message) {
        if (RequestVerifier.isUpgrade(r.request)) {
            WebSocketUpgrades.abort(ctx, message == null ? EngineError.FORBIDDEN.message : message);
        } else {
            HttpResponses.error(r.exchange, EngineError.FORBIDDEN, message, engine);
        }
    }

    private void completeHandshake(ChannelHandlerContext ctx, PendingRequest r, EngineRequest snapshot) {
        if (!ctx.channel().isActive()) {
            return; // the client left while allowRequest was deciding
        }
        boolean upgrade = RequestVerifier.isUpgrade(r.request);
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
        PendingRequest r = pending;
        pending = null;
        if (r != null) {
            r.onConnectionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing HTTP connection {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
