package dev.socketeer.redis;

import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import dev.socketeer.core.protocol.PayloadMapper;
import dev.socketeer.redis.internal.RedisClients;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.redis.internal.Notepack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends to the clients of a Socket.IO cluster from a process that runs no Socket.IO server, in the wire
 * format of Node's {@code @socket.io/redis-emitter} 5.x: the servers of the cluster may be Socketeer nodes
 * with {@link RedisAdapterFactory} or Node nodes with {@code @socket.io/redis-adapter}, sharing the same
 * {@code key}.
 *
 * <pre>{@code
 * RedisEmitter emitter = RedisEmitter.connect("redis://127.0.0.1:6379");
 * emitter.to("room1").except("room2").emit("news", "hello", bytes);
 * emitter.of("/admin").in("ops").socketsJoin("alerts");
 * ...
 * emitter.close();
 * }</pre>
 *
 * <p>On the wire, as Node's emitter: {@link Operator#emit} publishes the notepack MessagePack
 * {@code ["emitter", {type: 2, data: [event, ...args], nsp}, {rooms, flags, except}]} on {@code key#nsp#}
 * (or {@code key#nsp#room#} when exactly one room is targeted); {@link Operator#socketsJoin},
 * {@link Operator#socketsLeave} and {@link Operator#disconnectSockets} publish the JSON requests
 * {@code {type: 2|3|4, opts: {rooms, except}, rooms | close}} and {@link Operator#serverSideEmit}
 * {@code {uid: "emitter", type: 6, data: [event, ...args]}} on {@code key-request#nsp#}. Arguments are
 * converted as a server's are ({@code byte[]} and {@code ByteBuffer} anywhere in them stay binary in
 * {@code emit}); nothing is acknowledged, as in Node (a published message reaches the servers
 * subscribed at that moment).
 *
 * <p>Lifecycle: {@link #connect} opens one Redis connection (blocking, at start-up; it fails when Redis does
 * not answer); afterwards Lettuce reconnects by itself, and while Redis is away publishing fails fast.
 * {@link #close()} closes it.
 *
 * <p>Threading: thread safe, and the {@link Operator}s are immutable. No method blocks except
 * {@link #connect}: each send publishes asynchronously and returns a future completed (on Lettuce's I/O
 * thread) with the number of Redis subscribers that received the message, or failed when Redis refused
 * it; it is safe to call from an event loop.
 */
public final class RedisEmitter implements AutoCloseable {
    /** The uid Node's emitter puts in its messages, which no server takes for its own. */
    public static final String UID = "emitter";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PayloadMapper PAYLOADS = new PayloadMapper();
    /** The event names Node's emitter rejects. */
    private static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    // Node's RequestType values
    private static final int REMOTE_JOIN = 2;
    private static final int REMOTE_LEAVE = 3;
    private static final int REMOTE_DISCONNECT = 4;
    private static final int SERVER_SIDE_EMIT = 6;

    private final RedisClient client;
    private final boolean ownsClient;
    private final String key;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Operator root;

    private RedisEmitter(RedisClient client, boolean ownsClient, String key) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.key = key;
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.root = new Operator(this, "/", Set.of(), Set.of(), NODES.objectNode());
    }

    /** Connects to {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}) with the default key {@code socket.io}. Blocking. */
    public static RedisEmitter connect(String redisUri) {
        return connect(redisUri, RedisAdapterFactory.DEFAULT_KEY);
    }

    /** Connects to {@code redisUri} with the channel prefix {@code key} (the servers' {@code key}). Blocking. */
    public static RedisEmitter connect(String redisUri, String key) {
        return connect(RedisURI.create(redisUri), key);
    }

    /** Connects to {@code redisUri} with the channel prefix {@code key}; the emitter owns the client it creates. Blocking. */
    public static RedisEmitter connect(RedisURI redisUri, String key) {
        String checkedKey = RedisClients.requireKey(key);
        return RedisClients.withOwnClient(redisUri, client -> new RedisEmitter(client, true, checkedKey));
    }

    /**
     * Uses a client configured by the application (which keeps owning it; {@link #close()} closes only the
     * connection opened here). Blocking.
     */
    public static RedisEmitter connect(RedisClient client, String key) {
        return new RedisEmitter(Objects.requireNonNull(client, "client"), false, RedisClients.requireKey(key));
    }

    /** The channel prefix. */
    public String key() {
        return key;
    }

    /** Whether the connection is up now. */
    public boolean connected() {
        return !closed.get() && connection.isOpen();
    }

    /** Sends to the namespace {@code nsp} ({@code "/"} is prepended when missing, as in Node). */
    public Operator of(String nsp) {
        Objects.requireNonNull(nsp, "nsp");
        return new Operator(this, nsp.startsWith("/") ? nsp : "/" + nsp, Set.of(), Set.of(), NODES.objectNode());
    }

    /** Targets the members of {@code rooms} in the main namespace; see {@link Operator#to}. */
    public Operator to(String... rooms) {
        return root.to(rooms);
    }

    /** Same as {@link #to}. */
    public Operator in(String... rooms) {
        return root.in(rooms);
    }

    /** Leaves out the members of {@code rooms} in the main namespace; see {@link Operator#except}. */
    public Operator except(String... rooms) {
        return root.except(rooms);
    }

    /** Marks the emission volatile, in the main namespace; see {@link Operator#volatile_}. */
    public Operator volatile_() {
        return root.volatile_();
    }

    /** Sets the compress flag, in the main namespace; see {@link Operator#compress}. */
    public Operator compress(boolean compress) {
        return root.compress(compress);
    }

    /** Emits to every client of the main namespace; see {@link Operator#emit}. */
    public CompletableFuture<Long> emit(String event, @Nullable Object... args) {
        return root.emit(event, args);
    }

    /** Makes every socket of the main namespace join {@code rooms}; see {@link Operator#socketsJoin}. */
    public CompletableFuture<Long> socketsJoin(String... rooms) {
        return root.socketsJoin(rooms);
    }

    /** Makes every socket of the main namespace leave {@code rooms}; see {@link Operator#socketsLeave}. */
    public CompletableFuture<Long> socketsLeave(String... rooms) {
        return root.socketsLeave(rooms);
    }

    /** Disconnects every socket of the main namespace; see {@link Operator#disconnectSockets}. */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        return root.disconnectSockets(close);
    }

    /** Emits {@code event} to the servers' main namespace; see {@link Operator#serverSideEmit}. */
    public CompletableFuture<Long> serverSideEmit(String event, @Nullable Object... args) {
        return root.serverSideEmit(event, args);
    }

    private CompletableFuture<Long> publish(String channel, byte[] message) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("this RedisEmitter is closed"));
        }
        try {
            return connection.async().publish(channel.getBytes(StandardCharsets.UTF_8), message).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Closes the connection (and the client when this emitter created it). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connection.close();
        if (ownsClient) {
            client.shutdown();
        }
    }

    /**
     * A selection of clients of one namespace, with flags, as Node's emitter {@code BroadcastOperator}:
     * every method returns a new operator and leaves this one unchanged.
     *
     * <p>Threading: immutable; safe to share and use from any thread. No method blocks.
     */
    public static final class Operator {
        private final RedisEmitter emitter;
        private final String nsp;
        private final Set<String> rooms;
        private final Set<String> except;
        /** The flags set so far, in the order they were set, as Node's flags object. Never mutated. */
        private final ObjectNode flags;

        private Operator(RedisEmitter emitter, String nsp, Set<String> rooms, Set<String> except, ObjectNode flags) {
            this.emitter = emitter;
            this.nsp = nsp;
            this.rooms = rooms;
            this.except = except;
            this.flags = flags;
        }

        /** The namespace. */
        public String namespace() {
            return nsp;
        }

        /** Adds {@code rooms} to the targeted rooms (a client in any of them is reached, once). */
        public Operator to(String... rooms) {
            return new Operator(emitter, nsp, plus(this.rooms, rooms), except, flags);
        }

        /** Same as {@link #to}. */
        public Operator in(String... rooms) {
            return to(rooms);
        }

        /** Leaves out the clients in any of {@code rooms}. */
        public Operator except(String... rooms) {
            return new Operator(emitter, nsp, this.rooms, plus(except, rooms), flags);
        }

        /** The event may be lost for a client that is not ready to receive it (Node's {@code volatile}). */
        public Operator volatile_() {
            ObjectNode copy = flags.deepCopy();
            copy.put("volatile", true);
            return new Operator(emitter, nsp, rooms, except, copy);
        }

        /** Whether the servers compress the event (Node's {@code compress}, by default {@code true}). */
        public Operator compress(boolean compress) {
            ObjectNode copy = flags.deepCopy();
            copy.put("compress", compress);
            return new Operator(emitter, nsp, rooms, except, copy);
        }

        /**
         * Emits {@code event} with {@code args} to the selected clients of every server. Acknowledgements are
         * not supported, as in Node.
         *
         * @throws IllegalArgumentException when {@code event} is a reserved name ({@code connect},
         *     {@code disconnect}, ...), as Node's emitter throws
         */
        public CompletableFuture<Long> emit(String event, @Nullable Object... args) {
            ArrayNode data = eventData(event, args);
            ArrayNode message = NODES.arrayNode(3);
            message.add(UID);
            message.add(BroadcastMessage.packetNode(new Packet(PacketType.EVENT, nsp, data, null)));
            ObjectNode opts = message.addObject();
            opts.set("rooms", array(rooms));
            opts.set("flags", flags.deepCopy());
            opts.set("except", array(except));
            String channel = emitter.key + "#" + nsp + "#" + (rooms.size() == 1 ? rooms.iterator().next() + "#" : "");
            return emitter.publish(channel, Notepack.encode(message));
        }

        /** Makes the selected sockets of every server join {@code rooms}. */
        public CompletableFuture<Long> socketsJoin(String... rooms) {
            ObjectNode request = request(REMOTE_JOIN);
            request.set("rooms", array(List.of(rooms)));
            return sendRequest(request);
        }

        /** Makes the selected sockets of every server leave {@code rooms}. */
        public CompletableFuture<Long> socketsLeave(String... rooms) {
            ObjectNode request = request(REMOTE_LEAVE);
            request.set("rooms", array(List.of(rooms)));
            return sendRequest(request);
        }

        /** Disconnects the selected sockets of every server; with {@code close}, their connections too. */
        public CompletableFuture<Long> disconnectSockets(boolean close) {
            ObjectNode request = request(REMOTE_DISCONNECT);
            request.put("close", close);
            return sendRequest(request);
        }

        /**
         * Emits {@code event} with {@code args} to the servers' {@code serverSideEmit} listeners of this
         * namespace (without acknowledgement, as in Node). The arguments travel as JSON: binary becomes a
         * base64 string.
         *
         * @throws IllegalStateException when rooms or flags were set (Node's emitter offers it only on the
         *     namespace)
         * @throws IllegalArgumentException when {@code event} is a reserved name
         */
        public CompletableFuture<Long> serverSideEmit(String event, @Nullable Object... args) {
            if (!rooms.isEmpty() || !except.isEmpty() || !flags.isEmpty()) {
                throw new IllegalStateException("serverSideEmit targets the servers of a namespace: no rooms or flags");
            }
            ObjectNode request = NODES.objectNode();
            request.put("uid", UID);
            request.put("type", SERVER_SIDE_EMIT);
            request.set("data", eventData(event, args));
            return sendRequest(request);
        }

        private ObjectNode request(int type) {
            ObjectNode request = NODES.objectNode();
            request.put("type", type);
            ObjectNode opts = request.putObject("opts");
            opts.set("rooms", array(rooms));
            opts.set("except", array(except));
            return request;
        }

        private CompletableFuture<Long> sendRequest(ObjectNode request) {
            return emitter.publish(emitter.key + "-request#" + nsp + "#", JSON.writeValueAsBytes(request));
        }

        private static ArrayNode eventData(String event, @Nullable Object[] args) {
            Objects.requireNonNull(event, "event");
            if (RESERVED_EVENTS.contains(event)) {
                throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
            }
            ArrayNode data = NODES.arrayNode(args.length + 1);
            data.add(event);
            for (Object arg : args) {
                data.add(PAYLOADS.toTree(arg));
            }
            return data;
        }

        private static ArrayNode array(Iterable<String> values) {
            ArrayNode array = NODES.arrayNode();
            values.forEach(array::add);
            return array;
        }

        private static Set<String> plus(Set<String> base, String[] more) {
            Set<String> set = new LinkedHashSet<>(base);
            for (String room : more) {
                set.add(Objects.requireNonNull(room, "room"));
            }
            return Collections.unmodifiableSet(set);
        }
    }
}
