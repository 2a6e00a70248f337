package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an HTTP connection of the standalone server making progress, or closes it (Node's
 * {@code headersTimeout}, {@code requestTimeout} and idle keep-alive connections):
 *
 * <ul>
 *   <li>no request in progress and no answer pending: closed after {@code idleTimeout};</li>
 *   <li>a request head still arriving {@code headersTimeout} after its first bytes, or a request (head and
 *       body) still arriving {@code requestTimeout} after them: answered {@code 408} (if nothing else is
 *       pending) and closed;</li>
 *   <li>while the server waits for its own answer (a held long-poll) no timer runs: the session's heartbeat
 *       bounds it.</li>
 * </ul>
 *
 * A client that does not read is not read either: reading stops while the channel is not writable and
 * resumes when it drains. Sits right after {@code HttpServerCodec}; a websocket upgrade removes it (the
 * session's heartbeat and {@link WebSocketChannelHandler} take over).
 *
 * <p>Lifecycle: one per connection. Threading: runs on the channel's event loop.
 */
public final class HttpConnectionGuard extends ChannelDuplexHandler {
    private enum Phase { IDLE, HEADERS, BODY, ANSWERING }

    private final long idleNanos;
    private final long headersNanos;
    private final long requestNanos;
    private ChannelHandlerContext ctx;
    /** When the request being read began (its first bytes, as far as can be told); 0 when none is. */
    private long requestStart;
    private boolean headComplete;
    /** Requests whose final response has not been written yet. */
    private int unanswered;
    private boolean readSomething;
    private Phase armedFor;
    private long deadline;
    private ScheduledFuture<?> timer;

    private final boolean managesReads;

    /** The standalone server's guard: idle timeout, head and request timeouts, no reading a client that does not read. */
    public HttpConnectionGuard(EngineOptions options) {
        this(options, false);
    }

    /**
     * @param sharedPort on a connection another server owns (Spring Boot's Reactor Netty): only the head and
     *                   request timeouts; that server closes idle connections and decides when to read
     */
    public HttpConnectionGuard(EngineOptions options, boolean sharedPort) {
        this.managesReads = !sharedPort;
        this.idleNanos = sharedPort ? 0 : options.idleTimeout().toNanos();
        this.requestNanos = options.requestTimeout().toNanos();
        long headers = options.headersTimeout().toNanos();
        this.headersNanos = headers == 0 ? requestNanos : headers; // the head is part of the request
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        update();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readSomething = true;
        if (msg instanceof HttpRequest) {
            if (requestStart == 0) {
                requestStart = System.nanoTime(); // the whole head came in one read
            }
            headComplete = true;
            unanswered++;
        }
        if (msg instanceof LastHttpContent) {
            requestStart = 0;
            headComplete = false;
        }
        update();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!readSomething && requestStart == 0) {
            requestStart = System.nanoTime(); // bytes that made no message yet: a request head has begun
            update();
        }
        readSomething = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
            unanswered = Math.max(0, unanswered - 1); // a final response is complete
            update();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (managesReads) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    private Phase phase() {
        if (requestStart != 0) {
            return headComplete ? Phase.BODY : Phase.HEADERS;
        }
        return unanswered > 0 ? Phase.ANSWERING : Phase.IDLE;
    }

    /** Re-derives the deadline from the state; reschedules only when the deadline comes earlier. */
    private void update() {
        Phase phase = phase();
        if (phase == armedFor) {
            return;
        }
        armedFor = phase;
        deadline = switch (phase) {
            case IDLE -> idleNanos == 0 ? 0 : System.nanoTime() + idleNanos;
            case HEADERS -> headersNanos == 0 ? 0 : requestStart + headersNanos;
            case BODY -> requestNanos == 0 ? 0 : requestStart + requestNanos;
            case ANSWERING -> 0;
        };
        if (deadline == 0) {
            return; // a timer already scheduled finds nothing due and stops
        }
        long delay = deadline - System.nanoTime();
        if (timer == null || timer.getDelay(TimeUnit.NANOSECONDS) > delay) {
            cancel();
            timer = ctx.executor().schedule(this::expire, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        timer = null;
        if (deadline == 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            timer = ctx.executor().schedule(this::expire, left, TimeUnit.NANOSECONDS); // the deadline moved later
            return;
        }
        Phase phase = phase();
        boolean answer = phase == Phase.HEADERS ? unanswered == 0 : phase == Phase.BODY && unanswered == 1;
        if (answer) {
            // like Node: 408 when the request is not answered yet, then close
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                    Unpooled.EMPTY_BUFFER);
            HttpUtil.setContentLength(res, 0);
            HttpUtil.setKeepAlive(res, false);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
