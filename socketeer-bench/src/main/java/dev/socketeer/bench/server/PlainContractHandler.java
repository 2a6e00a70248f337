package dev.socketeer.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "room" contract as bare JSON arrays over websocket: {@code ["joinRoom",{room}]} joins and answers
 * {@code ["roomJoined",{room}]}; {@code ["roomMessage",{room,message}]} sends
 * {@code ["roomMessage",{room,message,from}]} to the room, encoded once (JSON and websocket frame) and
 * flushed once per channel per batch of loop tasks by one task per loop; {@code ["echo",id,...args]}
 * answers {@code ["ack",id,...args]}. Runs on the channel's event loop; one instance per channel.
 */
final class PlainContractHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Room name to members; shared by all channels. Thread safe. */
    static final class Rooms {
        final Map<String, ChannelGroup> groups = new ConcurrentHashMap<>();

        ChannelGroup room(String name) {
            return groups.computeIfAbsent(name, n -> new DefaultChannelGroup(n, GlobalEventExecutor.INSTANCE));
        }
    }

    private final Rooms rooms;

    PlainContractHandler(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        JsonNode msg = MAPPER.readTree(frame.text());
        if (!msg.isArray() || msg.isEmpty()) {
            return;
        }
        String event = msg.get(0).asString();
        JsonNode body = msg.path(1);
        switch (event) {
            case "joinRoom" -> {
                String room = body.path("room").asString();
                rooms.room(room).add(ctx.channel());
                ArrayNode out = MAPPER.createArrayNode().add("roomJoined");
                out.addObject().put("room", room);
                ctx.writeAndFlush(text(out), ctx.voidPromise());
            }
            case "roomMessage" -> {
                String room = body.path("room").asString();
                ArrayNode out = MAPPER.createArrayNode().add("roomMessage");
                ObjectNode payload = out.addObject().put("room", room);
                payload.set("message", body.path("message"));
                payload.put("from", ctx.channel().id().asShortText());
                ChannelGroup members = rooms.groups.get(room);
                if (members != null) {
                    broadcast(members, encodeTextFrame(MAPPER.writeValueAsBytes(out)));
                }
            }
            case "echo" -> {
                ((ArrayNode) msg).set(0, MAPPER.getNodeFactory().stringNode("ack"));
                ctx.writeAndFlush(text(msg), ctx.voidPromise());
            }
            default -> { }
        }
    }

    /**
     * Writes the same pre-encoded frame bytes (retained duplicates) to every member, entering each
     * pipeline below the websocket frame encoder as Socketeer's shared frames do, and flushes each
     * channel once per batch of loop tasks: members on this loop are written at once and flushed by one
     * task per loop ({@link LoopFlush}); members of other loops get one task per loop for the writes.
     * No per-broadcast future bookkeeping.
     */
    private static void broadcast(ChannelGroup members, ByteBuf frame) {
        try {
            Map<EventLoop, List<Channel>> elsewhere = null;
            for (Channel ch : members) {
                EventLoop loop = ch.eventLoop();
                if (loop.inEventLoop()) {
                    writeRaw(ch, frame.retainedDuplicate());
                    LoopFlush.of(loop).add(ch);
                } else {
                    if (elsewhere == null) {
                        elsewhere = new IdentityHashMap<>();
                    }
                    elsewhere.computeIfAbsent(loop, l -> new ArrayList<>()).add(ch);
                }
            }
            if (elsewhere != null) {
                elsewhere.forEach((loop, channels) -> {
                    ByteBuf copy = frame.retainedDuplicate();
                    loop.execute(() -> {
                        try {
                            for (Channel ch : channels) {
                                writeRaw(ch, copy.retainedDuplicate());
                                LoopFlush.of(loop).add(ch);
                            }
                        } finally {
                            copy.release();
                        }
                    });
                });
            }
        } finally {
            frame.release();
        }
    }

    /** Writes encoded frame bytes at the frame encoder's context (past it), or releases them when it is gone. */
    private static void writeRaw(Channel ch, ByteBuf bytes) {
        ChannelHandlerContext encoder = ch.pipeline().context(WebSocketFrameEncoder.class);
        if (encoder == null) {
            bytes.release(); // closed: the handshaker's handlers are removed with the channel
            return;
        }
        encoder.write(bytes, ch.voidPromise());
    }

    /** One unmasked, final text frame (RFC 6455 section 5.2) holding {@code payload}. */
    static ByteBuf encodeTextFrame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
        ByteBuf out = Unpooled.directBuffer(header + n);
        out.writeByte(0x81);
        if (n < 126) {
            out.writeByte(n);
        } else if (n < 65536) {
            out.writeByte(126).writeShort(n);
        } else {
            out.writeByte(127).writeLong(n);
        }
        return out.writeBytes(payload);
    }

    /** The channels of one event loop written since its flush task was queued; confined to that loop. */
    private static final class LoopFlush implements Runnable {
        private static final io.netty.util.concurrent.FastThreadLocal<LoopFlush> OF = new io.netty.util.concurrent.FastThreadLocal<>();
        private final EventLoop loop;
        private List<Channel> pending = new ArrayList<>();
        private final Set<Channel> queued = Collections.newSetFromMap(new IdentityHashMap<>());

        private LoopFlush(EventLoop loop) {
            this.loop = loop;
        }

        static LoopFlush of(EventLoop loop) {
            LoopFlush f = OF.get();
            if (f == null) {
                f = new LoopFlush(loop);
                OF.set(f);
            }
            return f;
        }

        void add(Channel ch) {
            if (queued.add(ch)) {
                if (pending.isEmpty()) {
                    loop.execute(this);
                }
                pending.add(ch);
            }
        }

        @Override
        public void run() {
            List<Channel> now = pending;
            pending = new ArrayList<>(now.size());
            queued.clear();
            for (Channel ch : now) {
                ch.flush();
            }
        }
    }

    private static TextWebSocketFrame text(JsonNode node) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(MAPPER.writeValueAsBytes(node)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

}
