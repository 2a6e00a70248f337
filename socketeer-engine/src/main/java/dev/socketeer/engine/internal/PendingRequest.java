package dev.socketeer.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An Engine.IO request being received: its head, where it goes, and for a polling POST the body so far,
 * capped at {@code maxHttpBufferSize} and handed to the session's polling transport once complete.
 * Lifecycle: created for a request head, {@link #done} once answered or handed on.
 *
 * <p>Threading: created and filled on the connection's event loop; the POST steps that touch the
 * session ({@link #polling}) run on the session's loop, which may be another one.
 */
final class PendingRequest {
    final HttpRequest request;
    final HttpExchange exchange;
    final QueryStringDecoder query;
    private final EngineContext engine;
    Session session;
    /** The transport that accepted this POST; set and read on the session's loop. */
    private PollingTransport polling;
    private ByteArrayOutputStream body;
    boolean done;

    PendingRequest(HttpRequest request, HttpExchange exchange, QueryStringDecoder query, EngineContext engine) {
        this.request = request;
        this.exchange = exchange;
        this.query = query;
        this.engine = engine;
    }

    /** Whether the query string decodes (its percent-escapes are valid); decoded once, here. */
    boolean queryDecodes() {
        try {
            query.parameters();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    boolean isPost() {
        return request.method().equals(HttpMethod.POST);
    }

    /** Prepares for a POST body of the declared length (-1 if unknown); false (and 413) when it is too large. */
    boolean expectBody(long length) {
        if (length > engine.options().maxHttpBufferSize()) {
            rejectTooLarge();
            return false;
        }
        body = new ByteArrayOutputStream((int) Math.max(0, Math.min(length, 64 * 1024)));
        return true;
    }

    /** Asks the session's polling transport to take this POST (it refuses an overlapping one). */
    void beginPost() {
        Session s = session;
        s.eventLoop().execute(() -> {
            if (s.currentTransport() instanceof PollingTransport p && p.beginPost(exchange)) {
                polling = p;
            }
        });
    }

    /** Adds a chunk of the body; past {@code maxHttpBufferSize} the request is refused with 413. */
    void append(ByteBuf chunk) {
        if (body == null) {
            return;
        }
        if (body.size() + (long) chunk.readableBytes() > engine.options().maxHttpBufferSize()) {
            rejectTooLarge();
            return;
        }
        body.writeBytes(ByteBufUtil.getBytes(chunk));
    }

    private void rejectTooLarge() {
        done = true;
        body = null;
        if (session != null) {
            Session s = session;
            s.eventLoop().execute(() -> {
                if (s.currentTransport() instanceof PollingTransport p) {
                    p.abortPost();
                }
            });
        }
        HttpResponses.status(exchange, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, engine);
    }

    /** The whole body arrived: hands it to the polling transport; a binary body is a transport error, as in Node. */
    void endPost() {
        String text = body.toString(StandardCharsets.UTF_8);
        boolean binary = "application/octet-stream".equalsIgnoreCase(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        Session s = session;
        s.eventLoop().execute(() -> {
            if (polling == null) {
                return; // refused at the head (overlap or upgraded); already answered
            }
            if (binary) {
                polling.abortPost();
                HttpResponses.status(exchange, HttpResponseStatus.BAD_REQUEST, false, engine);
                s.onTransportError("invalid content");
                return;
            }
            polling.endPost(exchange, text);
        });
    }

    /** The connection closed: a POST cut off mid-body is a transport error ("data request connection closed prematurely"). */
    void onConnectionClosed() {
        if (!done && session != null && isPost()) {
            Session s = session;
            s.eventLoop().execute(() -> {
                if (polling != null) {
                    polling.abortPost();
                    s.onTransportError(polling, "data request connection closed prematurely");
                }
            });
        }
    }
}
