package dev.socketeer.bench.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "room" contract as bare JSON arrays over websocket: {@code ["joinRoom",{room}]} joins and answers
 * {@code ["roomJoined",{room}]}; {@code ["roomMessage",{room,message}]} sends
 * {@code ["roomMessage",{room,message,from}]} to the room, encoded once and flushed once per channel
 * per loop iteration; {@code ["echo",id,...args]}
 * answers {@code ["ack",id,...args]}. Runs on the channel's event loop; one instance per channel.
 */
final class PlainContractHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final AttributeKey<Boolean> FLUSH_PENDING = AttributeKey.valueOf("plain.flushPending");

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
                    broadcast(members, text(out));
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
     * Writes the same bytes (retained duplicates) to every member and flushes each channel once per
     * loop iteration, as Socketeer's websocket transport does; no per-broadcast future bookkeeping.
     */
    private static void broadcast(ChannelGroup members, TextWebSocketFrame frame) {
        try {
            for (Channel ch : members) {
                ch.write(frame.retainedDuplicate(), ch.voidPromise());
                if (!ch.hasAttr(FLUSH_PENDING) || !ch.attr(FLUSH_PENDING).get()) {
                    ch.attr(FLUSH_PENDING).set(true);
                    ch.eventLoop().execute(() -> {
                        ch.attr(FLUSH_PENDING).set(false);
                        ch.flush();
                    });
                }
            }
        } finally {
            frame.release();
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
