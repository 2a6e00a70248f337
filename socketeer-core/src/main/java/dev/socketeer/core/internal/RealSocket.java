package dev.socketeer.core.internal;

import dev.socketeer.core.AckCallback;
import dev.socketeer.core.AnyListener;
import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.DisconnectListener;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.PacketMiddleware;
import dev.socketeer.core.RateLimit;
import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketEmitter;
import dev.socketeer.core.TypedEventListener;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.adapter.Session;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import dev.socketeer.engine.EngineTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The one {@link Socket} implementation, Node's server {@code Socket}: identity, rooms, emitting and
 * listener registration. Connect, incoming packets and close live in {@link SocketLifecycle}; incoming
 * events in {@link SocketEvents}. Lifecycle: created by {@link NamespaceConnector} for each connection to a
 * namespace, connected once its middleware passes, and never reused after it disconnects.
 *
 * <p>Threading: packet handling and lifecycle run on the client's serial executor; public methods may be
 * called from any thread.
 */
final class RealSocket implements Socket {
    private static final Logger log = LoggerFactory.getLogger(RealSocket.class);

    private final RealNamespace namespace;
    private final Client client;
    private final String id;
    private final String pid;
    private final Handshake handshake;
    private final boolean recovered;
    private volatile Map<String, Object> data; // created on first use: most sockets never store data
    private final SocketListeners listeners = new SocketListeners();
    private final AckRegistry acks;
    private final SocketEvents events;
    private final SocketLifecycle lifecycle;
    private final EventRateLimiter rateLimiter; // null without a rate limit

    RealSocket(RealNamespace namespace, Client client, JsonNode auth, Session session) {
        this.namespace = namespace;
        this.client = client;
        this.acks = new AckRegistry(namespace.runtime().scheduler(), client.serial(), this::runUserCode,
                namespace.runtime().options().maxPendingAcks());
        RateLimit limit = namespace.rateLimit();
        this.rateLimiter = limit.enabled() ? new EventRateLimiter(limit, System.nanoTime()) : null;
        this.events = new SocketEvents(this, listeners);
        this.lifecycle = new SocketLifecycle(this, listeners, events);
        this.handshake = Handshakes.of(client.conn().request(), auth);
        if (session != null) {
            this.id = session.sid();
            this.pid = session.pid();
            namespace.adapter().addAll(id, session.rooms());
            data().putAll(session.data());
            for (JsonNode missed : session.missedPackets()) {
                write(Packet.of(PacketType.EVENT, namespace.name(), missed));
            }
            this.recovered = true;
        } else {
            this.id = SocketIds.generate();
            this.pid = namespace.runtime().recovery() != null ? SocketIds.generate() : null;
            this.recovered = false;
        }
    }

    // --- identity and state --------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    ServerRuntime runtime() {
        return namespace.runtime();
    }

    RealNamespace realNamespace() {
        return namespace;
    }

    /** The private id for connection state recovery, or {@code null} when recovery is off. */
    String pid() {
        return pid;
    }

    /** Connect, packets and close (serial executor). */
    SocketLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public EngineTransport transport() {
        return client.conn().transport();
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> d = data;
        if (d == null) {
            synchronized (this) {
                d = data;
                if (d == null) {
                    d = new ConcurrentHashMap<>(4);
                    data = d;
                }
            }
        }
        return d;
    }

    /** The socket's data, without creating the map: an empty map when nothing was ever stored. */
    Map<String, Object> dataSnapshot() {
        Map<String, Object> d = data;
        return d == null ? Map.of() : Map.copyOf(d);
    }

    @Override
    public boolean connected() {
        return lifecycle.connected();
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    public Set<String> rooms() {
        Set<String> rooms = namespace.adapter().socketRooms(id);
        return rooms == null ? Set.of() : rooms;
    }

    /**
     * Joins the rooms, unless the socket would then be in more than {@code maxRoomsPerSocket}: then none is
     * joined and this throws. Concurrent joins from several threads may pass the bound by what they add at once.
     */
    @Override
    public void join(String... rooms) {
        if (lifecycle.cleanedUp()) {
            return;
        }
        Set<String> added = Set.copyOf(java.util.Arrays.asList(rooms));
        int max = namespace.runtime().options().maxRoomsPerSocket();
        int count = namespace.adapter().socketRoomCount(id);
        if (count + added.size() > max) {
            Set<String> current = namespace.adapter().socketRooms(id);
            long fresh = current == null ? added.size() : added.stream().filter(r -> !current.contains(r)).count();
            if (count + fresh > max) {
                throw new IllegalStateException("too many rooms: socket " + id + " is in " + count
                        + " rooms and may be in " + max + " (maxRoomsPerSocket)");
            }
        }
        namespace.adapter().addAll(id, added);
    }

    @Override
    public void leave(String room) {
        namespace.adapter().del(id, room);
    }

    EventPayloads payloads() {
        return namespace.runtime().payloads();
    }

    SerialExecutor serial() {
        return client.serial();
    }

    Client client() {
        return client;
    }

    AckRegistry acks() {
        return acks;
    }

    /** The socket's event rate limiter, or {@code null} without a limit; serial executor only. */
    EventRateLimiter rateLimiter() {
        return rateLimiter;
    }

    // --- emitting ----------------------------------------------------------------------------

    @Override
    public boolean emit(String event, Object... args) {
        return emit(BroadcastFlags.NONE, event, java.util.Arrays.asList(args), null);
    }

    @Override
    public boolean emit(String event, List<?> args, AckCallback callback) {
        return emit(BroadcastFlags.NONE, event, args, java.util.Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public CompletableFuture<JsonNode> emitWithAck(String event, Object... args) {
        return flagged().emitWithAck(event, args);
    }

    @Override
    public SocketEmitter timeout(Duration timeout) {
        return flagged().timeout(timeout);
    }

    @Override
    public SocketEmitter volatile_() {
        return flagged().volatile_();
    }

    @Override
    public SocketEmitter compress(boolean compress) {
        return flagged().compress(compress);
    }

    /** An emitter without modifiers, made on demand rather than held by every socket. */
    private SocketEmitter flagged() {
        return new FlaggedEmitter(this, BroadcastFlags.NONE);
    }

    /** Node's {@code socket.emit}: through the adapter (so it is stored) when recovery is enabled. */
    boolean emit(BroadcastFlags flags, String event, List<?> args, AckCallback callback) {
        ArrayNode payload = payloads().event(event, args);
        Integer ackId = null;
        if (callback != null) {
            ackId = namespace.nextAckId();
            if (!acks.register(ackId, callback, flags.timeout())) {
                IllegalStateException error = new IllegalStateException("too many pending acknowledgements: socket "
                        + id + " has " + acks.size() + " unanswered (maxPendingAcks)");
                client.serial().execute(() -> runUserCode("ack callback", () -> callback.onAck(error, null)));
                return false;
            }
        }
        Packet packet = new Packet(PacketType.EVENT, namespace.name(), payload, ackId);
        if (namespace.runtime().recovery() != null) {
            namespace.adapter().broadcast(packet, new BroadcastOptions(Set.of(id), Set.of(), flags));
        } else {
            notifyOutgoing(payload, false);
            client.write(packet, flags);
        }
        return true;
    }

    /** Writes a packet without modifiers (CONNECT, ACK, DISCONNECT...). */
    void write(Packet packet) {
        client.write(packet, BroadcastFlags.NONE);
    }

    void notifyOutgoing(JsonNode payload, boolean broadcast) {
        if (payload != null && payload.size() > 0) {
            String event = payload.get(0).asString();
            namespace.runtime().notify("event sent", l -> l.onEventSent(this, event, broadcast));
        }
        events.notifyOutgoing(payload);
    }

    // --- listeners ---------------------------------------------------------------------------

    @Override
    public Socket on(String event, EventListener listener) {
        listeners.on(event, listener);
        return this;
    }

    @Override
    public <T> Socket on(String event, Class<T> type, TypedEventListener<T> listener) {
        listeners.on(event, events.typed(type, listener));
        return this;
    }

    @Override
    public Socket off(String event, EventListener listener) {
        listeners.off(event, listener);
        return this;
    }

    @Override
    public Socket onAny(AnyListener listener) {
        listeners.addAny(listener, false);
        return this;
    }

    @Override
    public Socket prependAny(AnyListener listener) {
        listeners.addAny(listener, true);
        return this;
    }

    @Override
    public Socket offAny(AnyListener listener) {
        listeners.removeAny(listener);
        return this;
    }

    @Override
    public Socket onAnyOutgoing(AnyListener listener) {
        listeners.addAnyOutgoing(listener, false);
        return this;
    }

    @Override
    public Socket prependAnyOutgoing(AnyListener listener) {
        listeners.addAnyOutgoing(listener, true);
        return this;
    }

    @Override
    public Socket offAnyOutgoing(AnyListener listener) {
        listeners.removeAnyOutgoing(listener);
        return this;
    }

    @Override
    public Socket use(PacketMiddleware middleware) {
        listeners.addMiddleware(middleware);
        return this;
    }

    @Override
    public Socket onDisconnecting(DisconnectListener listener) {
        listeners.addDisconnecting(listener);
        return this;
    }

    @Override
    public Socket onDisconnect(DisconnectListener listener) {
        listeners.addDisconnect(listener);
        return this;
    }

    @Override
    public Socket onError(Consumer<Throwable> listener) {
        listeners.addError(listener);
        return this;
    }

    // --- broadcasting from this socket ---------------------------------------------------------

    /** Every other socket of the namespace; {@code to/in/except/local} are {@link Socket}'s defaults over it. */
    @Override
    public BroadcastOperator broadcast() {
        return new RealBroadcastOperator(namespace, Set.of(), Set.of(id), BroadcastFlags.NONE);
    }

    @Override
    public void disconnect(boolean close) {
        client.serial().executeOrRun(() -> lifecycle.disconnect(close));
    }

    // --- errors and user code ----------------------------------------------------------------

    /** Node's {@code "error"} event: tells the error listeners. */
    void emitError(Throwable error) {
        for (Consumer<Throwable> listener : listeners.errors()) {
            try {
                listener.accept(error);
            } catch (RuntimeException | Error e) {
                log.warn("Error listener of socket {} failed", id, e);
            }
        }
    }

    /** Runs user code; a failure is logged and passed to the error listeners, never thrown. */
    void runUserCode(String what, UserCode code) {
        try {
            code.run();
        } catch (Exception | Error e) {
            logUserError(what, e);
            emitError(e);
        }
    }

    void logUserError(String what, Throwable error) {
        log.warn("{} of socket {} on {} failed", what, id, namespace.name(), error);
    }

    @Override
    public String toString() {
        return "Socket[" + id + " on " + ClientText.forLog(namespace.name()) + "]";
    }
}
