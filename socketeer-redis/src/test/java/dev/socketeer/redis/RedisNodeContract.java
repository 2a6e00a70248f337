package dev.socketeer.redis;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The Java side of the contract of {@code compat/redis-node.js}, so that a test drives a Socketeer node of a
 * {@link MixedCluster} exactly as it drives a Node one. Client events on {@code /}: {@code join},
 * {@code cast}, {@code fetch}, {@code sjoin}, {@code sleave}, {@code sdisconnect}, {@code castAck},
 * {@code allRooms}, {@code setData}, {@code getData}, {@code whoami}, {@code remoteEmit}, {@code remoteJoin},
 * {@code remoteLeave}, {@code remoteDisconnect}, {@code sse}. Server-side listeners: {@code note}
 * (re-emits {@code noted} {by: "java", arg} to the local clients), {@code ping} (answers
 * {from: "java", got}), {@code silent} (never answers), {@code name} (answers the node's name).
 *
 * <p>Stateless; {@link #install} before the server starts.
 */
final class RedisNodeContract {
    private RedisNodeContract() {
    }

    /** Adds the contract's listeners to {@code java}, a node called {@code name}. */
    static void install(SocketIoServer java, String name) {
        java.sockets().onServerSideEmit("note", (args, ack) ->
                java.sockets().local().emit("noted", Map.of("by", "java", "arg", args.get(0))));
        java.sockets().onServerSideEmit("ping", (args, ack) -> ack.send(Map.of("from", "java", "got", args.get(0))));
        java.sockets().onServerSideEmit("silent", (args, ack) -> { });
        java.sockets().onServerSideEmit("name", (args, ack) -> ack.send(name));
        java.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send();
            });
            socket.on("cast", (args, ack) -> {
                cast(java, args.get(0));
                ack.send();
            });
            socket.on("fetch", (args, ack) -> select(java, args.get(0)).fetchSockets().whenComplete((sockets, error) -> {
                if (error != null) {
                    ack.send(Map.of("ok", false, "error", String.valueOf(unwrap(error).getMessage())));
                    return;
                }
                List<Map<String, Object>> found = new ArrayList<>();
                for (RemoteSocket s : sockets) {
                    found.add(Map.of("id", s.id(), "rooms", List.copyOf(s.rooms()), "data", s.data(),
                            "query", s.handshake().query(), "address", s.handshake().address()));
                }
                ack.send(Map.of("ok", true, "sockets", found));
            }));
            socket.on("castAck", (args, ack) -> {
                JsonNode cmd = args.get(0);
                BroadcastOperator op = java.sockets();
                for (JsonNode room : cmd.path("to")) {
                    op = op.to(room.asString());
                }
                op.timeout(Duration.ofMillis(cmd.path("timeout").asLong(5000)))
                        .emitWithAck(cmd.path("event").asString(), values(cmd.path("args")))
                        .whenComplete((responses, error) -> ack.send(outcome(responses, error)));
            });
            socket.on("allRooms", (args, ack) -> ((RedisAdapter) java.sockets().adapter()).allRooms()
                    .whenComplete((rooms, error) -> ack.send(error == null ? Map.of("ok", true, "rooms", List.copyOf(rooms))
                            : Map.of("ok", false, "error", String.valueOf(unwrap(error).getMessage())))));
            socket.on("sjoin", (args, ack) -> {
                select(java, args.get(0)).socketsJoin(strings(args.get(0).path("rooms")));
                ack.send();
            });
            socket.on("sleave", (args, ack) -> {
                select(java, args.get(0)).socketsLeave(strings(args.get(0).path("rooms")));
                ack.send();
            });
            socket.on("sdisconnect", (args, ack) -> {
                select(java, args.get(0)).disconnectSockets(args.get(0).path("close").asBoolean(false));
                ack.send();
            });
            socket.on("setData", (args, ack) -> {
                socket.data().put(args.get(0).path("key").asString(), args.get(0).path("value"));
                ack.send();
            });
            socket.on("getData", (args, ack) -> ack.send(socket.data()));
            socket.on("whoami", (args, ack) -> ack.send(Map.of("id", socket.id(), "rooms", List.copyOf(socket.rooms()))));
            socket.on("remoteEmit", (args, ack) -> onRemote(java, args.get(0), ack::send,
                    target -> target.emit(args.get(0).path("event").asString(), values(args.get(0).path("args")))));
            socket.on("remoteJoin", (args, ack) -> onRemote(java, args.get(0), ack::send,
                    target -> target.join(args.get(0).path("room").asString())));
            socket.on("remoteLeave", (args, ack) -> onRemote(java, args.get(0), ack::send,
                    target -> target.leave(args.get(0).path("room").asString())));
            socket.on("remoteDisconnect", (args, ack) -> onRemote(java, args.get(0), ack::send,
                    target -> target.disconnect(args.get(0).path("close").asBoolean(false))));
            socket.on("sse", (args, ack) -> {
                JsonNode cmd = args.get(0);
                String event = cmd.path("event").asString();
                if (!cmd.path("withAck").asBoolean(false)) {
                    java.serverSideEmit(event, values(cmd.path("args")));
                    ack.send();
                    return;
                }
                java.serverSideEmitWithAck(event, values(cmd.path("args")))
                        .whenComplete((responses, error) -> ack.send(outcome(responses, error)));
            });
        });
    }

    /** {@code {ok, responses}} or {@code {ok: false, error, responses}} (those that arrived), as the script answers. */
    private static Map<String, Object> outcome(List<JsonNode> responses, Throwable error) {
        if (error == null) {
            return Map.of("ok", true, "responses", responses);
        }
        Throwable cause = unwrap(error);
        List<JsonNode> partial = cause instanceof AckTimeoutException t ? t.responses() : List.of();
        return Map.of("ok", false, "error", String.valueOf(cause.getMessage()), "responses", partial);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Fetches the socket {@code cmd.id} anywhere in the cluster, applies {@code action} to it, answers whether it was found. */
    private static void onRemote(SocketIoServer java, JsonNode cmd, Consumer<Object> answer, Consumer<RemoteSocket> action) {
        String id = cmd.path("id").asString();
        java.sockets().in(id).fetchSockets().whenComplete((sockets, error) -> {
            RemoteSocket target = error != null ? null
                    : sockets.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
            if (target != null) {
                action.accept(target);
            }
            answer.accept(target != null);
        });
    }

    /** The script's {@code cast}: {to, except, local, volatile, event, args}. */
    private static void cast(SocketIoServer java, JsonNode cmd) {
        BroadcastOperator op = java.sockets();
        for (JsonNode room : cmd.path("to")) {
            op = op.to(room.asString());
        }
        for (JsonNode room : cmd.path("except")) {
            op = op.except(room.asString());
        }
        if (cmd.path("local").asBoolean(false)) {
            op = op.local();
        }
        if (cmd.path("volatile").asBoolean(false)) {
            op = op.volatile_();
        }
        op.emit(cmd.path("event").asString(), values(cmd.path("args")));
    }

    private static BroadcastOperator select(SocketIoServer java, JsonNode cmd) {
        BroadcastOperator op = cmd.path("in").isEmpty() ? java.sockets() : java.sockets().in(strings(cmd.path("in")));
        if (!cmd.path("except").isEmpty()) {
            op = op.except(strings(cmd.path("except")));
        }
        return op;
    }

    private static Object[] values(JsonNode array) {
        Object[] out = new Object[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i);
        }
        return out;
    }

    private static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asString();
        }
        return out;
    }
}
