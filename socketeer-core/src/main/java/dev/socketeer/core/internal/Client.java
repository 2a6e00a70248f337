package dev.socketeer.core.internal;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketDecoder;
import dev.socketeer.core.protocol.PacketType;
import dev.socketeer.core.protocol.ParseException;
import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.spi.DeferredTask;
import dev.socketeer.engine.spi.SendBatching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One Engine.IO connection seen by Socket.IO, Node's {@code Client}: decodes packets, routes them to
 * the socket of their namespace, and ends every socket when the connection ends.
 *
 * <p>Threading: engine callbacks arrive on the session's event loop, where only decoding happens;
 * everything else runs on this client's {@link SerialExecutor}. {@link #write} may be called from any
 * thread.
 */
final class Client extends DeferredTask implements EngineSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(Client.class);
    /*
     * Inbound back-pressure. A client's connection is not read (TCP then slows the client down) while more
     * than ServerOptions.maxQueuedPackets (default 256) of its packets wait for or run in its handlers, or
     * while more than ServerOptions.maxQueuedSends (default 65,536) writes its handlers made (a broadcast
     * to 1,000 sockets makes 1,000) wait for their event loops; reading resumes when both are down to half.
     * Without it, a client that publishes faster than the loops can fan out queues unbounded work: a 1x1000
     * fan-out flooded at 2.2M deliveries/s filled a 2 GB heap with 2.3M queued writes within seconds and
     * stopped delivering. Node's single thread has this built in. The bounds are read from the runtime
     * rather than copied into each client, which would cost every connection 16 bytes.
     */

    private final ServerRuntime runtime;
    private final EngineSocket conn;
    private final SerialExecutor serial;
    private final PacketDecoder decoder;
    /** The connected socket of each namespace; touched on the serial executor, read from anywhere. */
    private final Map<String, RealSocket> sockets = new ConcurrentHashMap<>(2); // usually one namespace
    private volatile boolean closed;
    private boolean decoderFailed; // event loop only
    /** Namespaces whose CONNECT is in progress (middleware running); serial executor only. */
    private int connecting;
    /** Packets read in this round of the event loop, not yet handed to the executor; event loop only. */
    private List<Packet> pending;
    /** Packets read and not yet handled, those still in {@link #pending} included (inbound back-pressure); any thread. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Writes this client's handlers queued for event loops that the loops have not taken yet; any thread. */
    private final AtomicLong sendsInFlight = new AtomicLong();
    /** Whether the connection is not being read because a backlog passed its bound. */
    private final AtomicBoolean readsPaused = new AtomicBoolean();
    private volatile ScheduledFuture<?> connectTimer;

    Client(ServerRuntime runtime, EngineSocket conn) {
        this.runtime = runtime;
        this.conn = conn;
        this.serial = new SerialExecutor(runtime.handlerExecutor());
        this.decoder = new PacketDecoder(runtime.packetReader(), runtime.maxTextLength());
    }

    void start() {
        long delay = runtime.connectTimeout().toMillis();
        connectTimer = runtime.scheduler().schedule(() -> serial.execute(this::onConnectTimeout),
                delay, TimeUnit.MILLISECONDS);
        conn.setListener(this);
    }

    SerialExecutor serial() {
        return serial;
    }

    EngineSocket conn() {
        return conn;
    }

    boolean isOpen() {
        return !closed && conn.isOpen();
    }

    // --- engine callbacks (event loop) -------------------------------------------------------

    @Override
    public void onMessage(EngineSocket socket, EngineMessage message) {
        if (decoderFailed) {
            return;
        }
        Packet packet;
        try {
            packet = message.isBinary() ? decoder.decodeBinary(message.binary()) : decoder.decodeText(message.text());
        } catch (ParseException e) {
            decoderFailed = true;
            dispatchPending();
            serial.execute(() -> onParseError(e));
            return;
        }
        if (packet != null) {
            if (pending == null) {
                pending = new ArrayList<>(4);
                defer(socket.eventLoop()); // handed over when this round of reads is done
            }
            pending.add(packet);
            // counted as it is read, not when the round is handed over: a handler finishing meanwhile on
            // another thread must not resume reading with this round's packets uncounted
            if (queued.incrementAndGet() > runtime.maxQueuedPackets() || sendsInFlight.get() > runtime.maxQueuedSends()) {
                // stop reading now rather than after this round: one round can hold thousands of packets
                pauseReading();
            }
        }
    }

    @Override
    public void onClose(EngineSocket socket, CloseReason reason, String description) {
        dispatchPending(); // what was read before the close comes first
        serial.execute(() -> onClosed(DisconnectReason.of(reason), description));
    }

    /** The end of a round of reads ({@link DeferredTask}); not for other callers. */
    @Override
    protected void runDeferred() {
        dispatchPending();
    }

    /** Hands the packets read in this round to the executor as one task; on the event loop. */
    private void dispatchPending() {
        List<Packet> batch = pending;
        if (batch == null) {
            return;
        }
        pending = null;
        int n = batch.size(); // already counted in queued, packet by packet, as they were read
        if (readsPaused.get()) {
            resumeIfDrained(); // the handlers may have caught up between the count and the pause
        }
        // a packet counts as handled once the writes it caused (a broadcast's, too) are with their sockets
        if (n == 1) {
            Packet only = batch.get(0);
            serial.execute(() -> SendBatching.trackDelivery(() -> onPacket(only), this::sendsQueued, sends -> handled(1, sends)));
            return;
        }
        serial.execute(() -> SendBatching.trackDelivery(() -> {
            for (Packet p : batch) {
                try {
                    onPacket(p);
                } catch (RuntimeException e) {
                    log.error("Uncaught error handling a packet of {}", conn.id(), e);
                }
            }
        }, this::sendsQueued, sends -> handled(n, sends)));
    }

    /** The handlers of a task queued {@code sends} writes for other loops; on the handler thread. */
    private void sendsQueued(long sends) {
        if (sends > 0 && sendsInFlight.addAndGet(sends) > runtime.maxQueuedSends()) {
            pauseReading();
            resumeIfDrained(); // the loops may have taken them between the count and the pause
        }
    }

    /**
     * {@code n} packets were handled and the {@code sends} writes they caused delivered; reading resumes
     * once both backlogs are down to half their bounds. Any thread (the handler's, or the event loop
     * that delivered last).
     */
    private void handled(int n, long sends) {
        queued.addAndGet(-n);
        if (sends > 0) {
            sendsInFlight.addAndGet(-sends);
        }
        resumeIfDrained();
    }

    private void pauseReading() {
        synchronized (readsPaused) { // the flag and what the connection is told change together
            if (readsPaused.compareAndSet(false, true)) {
                conn.setReading(false);
            }
        }
    }

    private void resumeIfDrained() {
        if (queued.get() <= runtime.maxQueuedPackets() / 2 && sendsInFlight.get() <= runtime.maxQueuedSends() / 2
                && readsPaused.get()) {
            synchronized (readsPaused) {
                if (readsPaused.compareAndSet(true, false)) {
                    conn.setReading(true);
                }
            }
        }
    }

    // --- serial executor ---------------------------------------------------------------------

    private void onPacket(Packet packet) {
        if (closed) {
            return;
        }
        RealSocket socket = sockets.get(packet.namespace());
        if (socket == null && packet.type() == PacketType.CONNECT) {
            connect(packet);
        } else if (socket != null && packet.type() != PacketType.CONNECT && packet.type() != PacketType.CONNECT_ERROR) {
            socket.lifecycle().onPacket(packet);
        } else {
            log.debug("invalid state (packet type {} for {}), closing the connection", packet.type(),
                    ClientText.forLog(packet.namespace()));
            close();
        }
    }

    private void connect(Packet packet) {
        String name = packet.namespace();
        // Node's client.connect(name, auth = {}): a CONNECT without payload has an empty auth
        JsonNode auth = packet.data() != null ? packet.data() : JsonNodeFactory.instance.objectNode();
        if (sockets.size() + connecting >= runtime.options().maxNamespacesPerClient()) {
            // checked before a dynamic namespace would create the child the client names
            refuse(name, runtime.existingNamespace(name), WireMessage.TOO_MANY_NAMESPACES);
            return;
        }
        RealNamespace namespace;
        try {
            namespace = runtime.namespaceForConnect(name, auth);
        } catch (ServerRuntime.NamespaceLimitException e) {
            log.debug("a CONNECT would create more than maxChildNamespaces ({}) child namespaces; refused",
                    runtime.options().maxChildNamespaces());
            refuse(name, null, WireMessage.TOO_MANY_NAMESPACES);
            return;
        }
        if (namespace == null) {
            refuse(name, null, WireMessage.INVALID_NAMESPACE);
            return;
        }
        connecting++;
        namespace.add(this, auth, socket -> {
            connecting--;
            sockets.put(namespace.name(), socket);
            cancelConnectTimer();
        }, () -> connecting--);
    }

    private void refuse(String name, RealNamespace namespace, WireMessage message) {
        var error = JsonNodeFactory.instance.objectNode().put("message", message.text());
        write(Packet.of(PacketType.CONNECT_ERROR, name, error), BroadcastFlags.NONE);
        runtime.notify("connect error", l -> l.onConnectError(namespace, name, message.text()));
    }

    private void onParseError(ParseException e) {
        log.debug("invalid packet from {}: {}", conn.id(), e.getMessage());
        for (RealSocket socket : new ArrayList<>(sockets.values())) {
            socket.emitError(e);
        }
        conn.close();
    }

    private void onConnectTimeout() {
        if (sockets.isEmpty() && !closed) {
            log.debug("no namespace joined within the connect timeout, closing {}", conn.id());
            close();
        }
    }

    /** The connection ended: every socket disconnects with {@code reason}. Idempotent. */
    void onClosed(DisconnectReason reason, String description) {
        if (closed) {
            return;
        }
        closed = true;
        cancelConnectTimer();
        runtime.removeClient(this);
        List<RealSocket> all = new ArrayList<>(sockets.values());
        sockets.clear();
        for (RealSocket socket : all) {
            socket.lifecycle().onClose(reason, description);
        }
    }

    /** Node's {@code client.close()}: closes the connection, sockets see "forced server close". */
    void close() {
        if (conn.isOpen() && !closed) {
            conn.close();
            onClosed(DisconnectReason.FORCED_SERVER_CLOSE, null);
        }
    }

    /** Node's {@code client._disconnect()}: every socket leaves its namespace, then the connection closes. */
    void disconnectAll() {
        for (RealSocket socket : new ArrayList<>(sockets.values())) {
            socket.lifecycle().disconnect(false);
        }
        sockets.clear();
        close();
    }

    void remove(RealSocket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    // --- any thread ----------------------------------------------------------------------------

    /** Encodes and writes a packet, honouring the flags' volatile and compress modifiers. */
    void write(Packet packet, BroadcastFlags flags) {
        if (isOpen()) {
            write(runtime.encoder().encode(packet).toEngineMessages(), flags);
        }
    }

    /**
     * Writes encoded messages, marked never to be compressed when {@code flags.compress()} is off; dropped
     * silently once the connection is gone.
     */
    void write(List<EngineMessage> messages, BroadcastFlags flags) {
        if (!isOpen()) {
            return;
        }
        List<EngineMessage> out = flags.compress() ? messages : messages.stream().map(EngineMessage::uncompressed).toList();
        if (flags.volatile_()) {
            conn.sendVolatile(out);
        } else {
            conn.send(out);
        }
    }

    private void cancelConnectTimer() {
        ScheduledFuture<?> timer = connectTimer;
        if (timer != null) {
            connectTimer = null; // the cancelled task would stay reachable (and in memory) for the connection's life
            timer.cancel(false);
        }
    }
}
