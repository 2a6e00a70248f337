package dev.socketeer.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Engine.IO request being received: its head, where it goes, and for a polling POST the body so far,
 * capped at {@code maxHttpBufferSize} and handed to the session's polling transport once complete.
 * Lifecycle: created for a request head, {@link #done} once nothing more of it is read; answered once
 * ({@link #claimAnswer()}), by whichever side decides first.
 *
 * <p>Threading: created and filled on the connection's event loop; the POST steps that touch the
 * session ({@link #polling}) run on the session's loop, which may be another one. The answer is claimed
 * atomically, so a session that closes on its loop and a body that completes on the connection's loop
 * cannot both answer.
 */
final class PendingRequest {
    final HttpRequest request;
    final HttpExchange exchange;
    final QueryStringDecoder query;
    private final EngineContext engine;
    private final AtomicBoolean answered = new AtomicBoolean();
    Session session;
    /** The transport that accepted this POST; set and read on the session's loop. */
    private PollingTransport polling;
    private ByteArrayOutputStream body;
    /** Nothing more of this request is read (answered, refused, or complete); connection loop only. */
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

    /** Whether a body follows the head; an answer given before it is read closes the connection. */
    boolean hasBody() {
        return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
    }

    /** Claims the one answer to this request; false when it was answered already. Any thread. */
    boolean claimAnswer() {
        return answered.compareAndSet(false, true);
    }

    /** Answers an Engine.IO error (once), closing the connection if the body has not been read. Any thread. */
    void refuse(EngineError error) {
        if (claimAnswer()) {
            HttpResponses.error(hasBody() ? exchange.closing() : exchange, error, null, engine);
        }
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

    /** Asks the session's polling transport to take this POST; a closed session refuses it at once. */
    void beginPost() {
        Session s = session;
        s.eventLoop().execute(() -> {
            if (s.isClosed()) {
                refuse(EngineError.UNKNOWN_SID); // as if it had come a moment later: Node would not know the sid
            } else if (s.currentTransport() instanceof PollingTransport p && p.beginPost(this)) {
                polling = p;
            }
        });
    }

    /** Adds a chunk of the body; past {@code maxHttpBufferSize} the request is refused with 413. */
    void append(ByteBuf chunk) {
        if (answered.get()) {
            done = true; // refused meanwhile (its session closed): the rest is not buffered
            body = null;
            return;
        }
        if (body == null) {
            return;
        }
        if (body.size() + (long) chunk.readableBytes() > engine.options().maxHttpBufferSize()) {
            rejectTooLarge();
            return;
        }
        body.writeBytes(ByteBufUtil.getBytes(chunk));
    }

    /** 413 and close, like Node; the client's packets are lost, so its session ends too. */
    private void rejectTooLarge() {
        done = true;
        body = null;
        if (!claimAnswer()) {
            return;
        }
        HttpResponses.status(exchange, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, engine);
        Session s = session;
        if (s != null) {
            s.eventLoop().execute(() -> {
                if (polling != null) {
                    polling.abortPost(this);
                }
                if (s.currentTransport() instanceof PollingTransport p) {
                    s.onTransportError(p, "request body over maxHttpBufferSize (" + engine.options().maxHttpBufferSize() + " bytes)");
                }
            });
        }
    }

    /** The whole body arrived: hands it to the polling transport; a binary body is a transport error, as in Node. */
    void endPost() {
        String text = body.toString(StandardCharsets.UTF_8);
        boolean binary = "application/octet-stream".equalsIgnoreCase(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        Session s = session;
        s.eventLoop().execute(() -> {
            if (polling == null || !claimAnswer()) {
                return; // refused (overlap, upgraded, session closed); already answered
            }
            if (binary) {
                polling.abortPost(this);
                HttpResponses.status(exchange, HttpResponseStatus.BAD_REQUEST, false, engine);
                s.onTransportError("invalid content");
                return;
            }
            polling.endPost(this, text);
        });
    }

    /** The connection closed: a POST cut off mid-body is a transport error ("data request connection closed prematurely"). */
    void onConnectionClosed() {
        if (!done && session != null && isPost()) {
            Session s = session;
            s.eventLoop().execute(() -> {
                if (polling != null && claimAnswer()) {
                    polling.abortPost(this);
                    s.onTransportError(polling, "data request connection closed prematurely");
                }
            });
        }
    }
}
