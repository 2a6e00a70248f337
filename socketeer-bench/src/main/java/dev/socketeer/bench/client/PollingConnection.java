package dev.socketeer.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * A Socket.IO bench connection on Engine.IO long-polling only: one keep-alive HTTP connection holds the
 * pending GET, a second one carries POSTs (batched with the {@code \x1e} separator while one is in
 * flight) and is reopened when the server closes it while idle. Not thread safe; runs on the
 * generator's event loop.
 */
final class PollingConnection implements BenchConnection {
    private static final String PATH = "/socket.io/?EIO=4&transport=polling";

    private final Listener listener;
    private final Supplier<ChannelFuture> connector;
    private final String hostHeader;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private Channel getChannel;
    private Channel postChannel;
    private String sid;
    private boolean connected;
    private boolean postInFlight;
    private boolean postConnecting;
    private boolean closing;
    private boolean closedReported;

    PollingConnection(Listener listener, Supplier<ChannelFuture> connector, String hostHeader) {
        this.listener = listener;
        this.connector = connector;
        this.hostHeader = hostHeader;
    }

    void start() {
        connector.get().addListener(f -> {
            if (!f.isSuccess()) {
                reportClosed("connect failed: " + f.cause());
                return;
            }
            getChannel = ((ChannelFuture) f).channel();
            getChannel.pipeline().addLast(new Responses(true));
            request(getChannel, HttpMethod.GET, PATH, null);
        });
    }

    @Override
    public void send(String frame) {
        if (closing) {
            return;
        }
        outbox.add(frame);
        if (connected) {
            flushPosts();
        }
    }

    @Override
    public void close() {
        closing = true;
        if (getChannel != null) getChannel.close();
        if (postChannel != null) postChannel.close();
        if (getChannel == null) reportClosed("closed");
    }

    @Override
    public boolean isConnected() {
        return connected && !closedReported;
    }

    private void onGet(String body) {
        if (sid == null) {
            int at = body.indexOf("\"sid\":\"");
            if (!body.startsWith("0") || at < 0) {
                fail("bad handshake: " + body);
                return;
            }
            sid = body.substring(at + 7, body.indexOf('"', at + 7));
            outbox.addFirst("40");
            connectPostChannel();
        } else {
            for (String packet : body.split("\u001e")) {
                onPacket(packet);
            }
        }
        if (!closing && !closedReported) {
            request(getChannel, HttpMethod.GET, PATH + "&sid=" + sid, null);
        }
    }

    /** Opens the POST connection; again whenever the server closed an idle one (keep-alive timeout). */
    private void connectPostChannel() {
        postConnecting = true;
        connector.get().addListener(f -> {
            postConnecting = false;
            if (!f.isSuccess()) {
                fail("post connect failed: " + f.cause());
                return;
            }
            postChannel = ((ChannelFuture) f).channel();
            postChannel.pipeline().addLast(new Responses(false));
            flushPosts();
        });
    }

    private void onPacket(String p) {
        if (p.isEmpty()) return;
        switch (p.charAt(0)) {
            case '2' -> send("3");
            case '1' -> fail("engine close packet");
            case '4' -> {
                char type = p.length() > 1 ? p.charAt(1) : ' ';
                if (type == '0') {
                    connected = true;
                    listener.onConnected(this);
                    flushPosts();
                } else if (type == '2') {
                    Dialect.dispatchEvent(p, 2, this, listener);
                } else if (type == '3') {
                    int bracket = p.indexOf('[', 2);
                    listener.onAck(this, bracket < 0 ? -1 : Dialect.numberAt(p, bracket + 1));
                } else if (type == '1' || type == '4') {
                    fail("socket.io " + p);
                }
            }
            default -> { }
        }
    }

    private void flushPosts() {
        if (postInFlight || outbox.isEmpty() || postConnecting || closing || closedReported) return;
        if (postChannel == null || !postChannel.isActive()) {
            connectPostChannel();
            return;
        }
        // before CONNECT is answered only the CONNECT itself may go out
        StringBuilder body = new StringBuilder();
        if (!connected) {
            if (!"40".equals(outbox.peekFirst())) return;
            body.append(outbox.pollFirst());
        } else {
            for (String s; (s = outbox.poll()) != null; ) {
                if (body.length() > 0) body.append('\u001e');
                body.append(s);
            }
        }
        postInFlight = true;
        request(postChannel, HttpMethod.POST, PATH + "&sid=" + sid, body.toString());
    }

    private void request(Channel ch, HttpMethod method, String uri, String body) {
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content);
        req.headers().set(HttpHeaderNames.HOST, hostHeader);
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (body != null) req.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
        ch.writeAndFlush(req, ch.voidPromise());
    }

    private void fail(String reason) {
        if (getChannel != null) getChannel.close();
        if (postChannel != null) postChannel.close();
        reportClosed(reason);
    }

    private void reportClosed(String reason) {
        if (closedReported) return;
        closedReported = true;
        connected = false;
        listener.onClosed(this, closing, reason);
    }

    /** Reads the responses of one of the two HTTP connections. */
    private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final boolean get;

        Responses(boolean get) {
            this.get = get;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            if (res.status().code() != 200) {
                fail((get ? "GET " : "POST ") + res.status() + " " + res.content().toString(StandardCharsets.UTF_8));
                return;
            }
            if (get) {
                onGet(res.content().toString(StandardCharsets.UTF_8));
            } else {
                postInFlight = false;
                flushPosts();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause.toString());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (get || closing) {
                reportClosed(closing ? "closed" : "polling GET connection closed by peer");
            } else if (postInFlight) {
                fail("POST connection closed with a request in flight");
            } else {
                // an idle keep-alive connection closed by the server (Node's 5 s keepAliveTimeout): reopen on demand
                postChannel = null;
            }
        }
    }
}
