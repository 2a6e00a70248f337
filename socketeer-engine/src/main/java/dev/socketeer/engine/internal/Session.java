package dev.socketeer.engine.internal;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.EngineTransport;
import dev.socketeer.engine.spi.DeferredTask;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: the write buffer, the heartbeat, the polling-to-websocket upgrade (driven by
 * {@link SessionUpgrade}) and the close. Lifecycle: opened by the engine on its first transport, OPEN until
 * {@link #close()} (CLOSING while a close packet waits for a poll) or a transport ends it, then CLOSED for good.
 *
 * <p>Threading: every field is confined to {@link #eventLoop()}; the public {@link EngineSocket} methods may
 * be called from any thread and hop onto it.
 */
final class Session extends DeferredTask implements EngineSocket, Heartbeat.Owner {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 30_000;

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EngineContext engine;
    private final EngineRequest request;
    private final EventLoop loop;
    private final Heartbeat heartbeat;
    private final ArrayDeque<EnginePacket> writeBuffer = new ArrayDeque<>(4); // grows on demand; most sessions idle
    private SessionUpgrade upgrade; // created when a websocket first asks to take over (never, for websocket-only clients)
    private long bufferedBytes;
    private Transport transport;
    private volatile EngineTransport transportName;
    private volatile State state = State.OPEN;
    private Listener listener;
    private ScheduledFuture<?> closeTimer;

    Session(String id, EngineContext engine, EngineRequest request, EventLoop loop) {
        this.id = id;
        this.engine = engine;
        this.request = request;
        this.loop = loop;
        var o = engine.options();
        this.heartbeat = new Heartbeat(loop, o.pingInterval().toMillis(), o.pingTimeout().toMillis(), this);
    }

    /** Heartbeat callback (on the loop): queues a PING. */
    @Override
    public void heartbeatPing() {
        enqueue(EnginePacket.PING);
    }

    /** Heartbeat callback (on the loop): no PONG in time. */
    @Override
    public void heartbeatTimeout() {
        if (!readingWanted && transport instanceof WebSocketTransport) {
            // reads are paused (back-pressure): the PONG may be waiting unread in our own socket buffer
            heartbeat.extendTimeout();
            return;
        }
        onClose(CloseReason.PING_TIMEOUT, null);
    }

    /** Starts the session on its first transport: queues the OPEN packet and the heartbeat. */
    void open(Transport first, String openJson) {
        this.transport = first;
        this.transportName = first.name();
        writeBuffer.add(EnginePacket.control(EnginePacketType.OPEN, openJson));
        heartbeat.start();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public EngineTransport transport() {
        return transportName;
    }

    @Override
    public EngineRequest request() {
        return request;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosing() {
        return state == State.CLOSING;
    }

    /** Whether the session has ended (it is no longer known by its sid); any thread. */
    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The last {@link #setReading} asked for; applied on the loop, always the latest value. */
    private volatile boolean readingWanted = true;

    @Override
    public void setReading(boolean reading) {
        readingWanted = reading;
        if (loop.inEventLoop()) {
            applyReading();
        } else {
            loop.execute(this::applyReading); // applies whatever is wanted when it runs, so calls cannot reorder
        }
    }

    private void applyReading() {
        if (transport instanceof WebSocketTransport ws) {
            ws.setReading(readingWanted); // combined there with the channel's writability
        }
    }

    /** Packets buffered for the client (polling, or websocket while upgrading); on the loop (tests). */
    int bufferedPackets() {
        return writeBuffer.size();
    }

    Transport currentTransport() {
        return transport;
    }

    boolean upgrading() {
        return upgrade != null && upgrade.inProgress();
    }

    /** Whether a websocket answered its probe and may send the upgrade packet at any moment. */
    boolean upgradeProbed() {
        return upgrade != null && upgrade.probed();
    }

    EngineContext engine() {
        return engine;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void send(List<EngineMessage> messages) {
        if (loop.inEventLoop()) {
            doSend(messages);
        } else if (!SendBatch.defer(this, messages)) {
            SendBatch.handedTo(loop);
            loop.execute(() -> doSend(messages));
        }
    }

    /**
     * The last send queued for this session in a {@link SendBatch} ({@link SendBatch#sendKey}, 0 for
     * none): written by the threads that fill batches, read by the loop when it delivers one, to tell
     * whether more for this session is on its way. A release store and an acquire load (plain moves on
     * x86); a stale read only moves a flush to the end of the loop's batch of tasks, or makes it early.
     */
    @SuppressWarnings("unused") // through LAST_QUEUED_SEND
    private long lastQueuedSend;
    private static final java.lang.invoke.VarHandle LAST_QUEUED_SEND;

    static {
        try {
            LAST_QUEUED_SEND = java.lang.invoke.MethodHandles.lookup().findVarHandle(Session.class, "lastQueuedSend", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Notes that send {@code key} of a batch is for this session; on the thread filling the batch. */
    void queuedIn(long key) {
        LAST_QUEUED_SEND.setRelease(this, key);
    }

    /** The last send queued for this session in a batch (see {@link #queuedIn}); any thread. */
    long lastQueuedSend() {
        return (long) LAST_QUEUED_SEND.getAcquire(this);
    }

    /** Writes (or buffers) messages; on the loop. Also where a {@link SendBatch} hands its sends over. */
    void doSend(List<EngineMessage> messages) {
        if (state != State.OPEN) {
            return;
        }
        if (writeBuffer.isEmpty() && transport instanceof WebSocketTransport ws && ws.writable()) {
            // the common case of a websocket session: straight to the channel, no buffer copy or packet wrapper
            ws.sendMessages(messages);
            checkOutboundCap(ws);
            return;
        }
        for (EngineMessage m : messages) {
            EnginePacket p = EnginePacket.message(m);
            writeBuffer.add(p);
            bufferedBytes += p.estimatedSize();
        }
        if (transport instanceof PollingTransport) {
            // answer the waiting poll at the end of this batch of loop tasks, with every message queued by then
            defer(loop);
        } else {
            flush();
        }
    }

    /** The coalesced flush of a polling session ({@link DeferredTask}); not for other callers. */
    @Override
    protected void runDeferred() {
        flush();
    }

    @Override
    public boolean sendVolatile(List<EngineMessage> messages) {
        // Decided on the caller's thread from a racy snapshot: a volatile packet may be dropped anyway.
        if (state != State.OPEN || !volatileWritable()) {
            return false;
        }
        send(messages);
        return true;
    }

    private boolean volatileWritable() {
        Transport t = transport;
        if (t instanceof WebSocketTransport ws) {
            return ws.channelWritable();
        }
        return t != null && t.writable();
    }

    @Override
    public void close() {
        if (loop.inEventLoop()) {
            doClose();
        } else if (!SendBatch.deferClose(this)) {
            loop.execute(this::doClose);
        }
    }

    private void doClose() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        if (transport instanceof WebSocketTransport) {
            flush();
            onClose(CloseReason.FORCED_CLOSE, null);
            return;
        }
        writeBuffer.add(EnginePacket.CLOSE);
        if (transport.writable()) {
            flush();
            onClose(CloseReason.FORCED_CLOSE, null);
        } else {
            closeTimer = loop.schedule(() -> onClose(CloseReason.FORCED_CLOSE, null), CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void enqueue(EnginePacket p) {
        if (state != State.OPEN) {
            return;
        }
        writeBuffer.add(p);
        bufferedBytes += p.estimatedSize(); // control packets count against the cap too
        flush();
    }

    /** Writes what is buffered if the transport can take it; enforces the outbound cap. */
    void flush() {
        if (writeBuffer.isEmpty() || state == State.CLOSED) {
            return;
        }
        if (transport.writable()) {
            List<EnginePacket> packets = new ArrayList<>(writeBuffer);
            writeBuffer.clear();
            bufferedBytes = 0;
            transport.send(packets);
            if (transport instanceof WebSocketTransport ws) {
                checkOutboundCap(ws);
            }
        } else if (bufferedBytes > engine.options().maxOutboundBuffer()) {
            closeSlowConsumer();
        }
    }

    private void checkOutboundCap(WebSocketTransport ws) {
        if (ws.pendingBytes() > engine.options().maxOutboundBuffer()) {
            closeSlowConsumer();
        }
    }

    private void closeSlowConsumer() {
        onClose(CloseReason.TRANSPORT_ERROR, "outbound buffer exceeded " + engine.options().maxOutboundBuffer() + " bytes (slow consumer)");
    }

    /** A polling GET is waiting: send the buffer, or wait (during an upgrade the upgrade's check answers it). */
    void onPollReady(PollingTransport polling) {
        if (polling != transport) {
            return;
        }
        if (!writeBuffer.isEmpty()) {
            boolean closing = state == State.CLOSING;
            flush();
            if (closing) {
                onClose(CloseReason.FORCED_CLOSE, null);
            }
        }
    }

    /** A packet arrived on a transport of this session. */
    void onPacket(Transport from, EnginePacket p) {
        if (state == State.CLOSED) {
            return;
        }
        if (from != transport) {
            if (upgrade != null) {
                upgrade.onPacket(from, p);
            }
            return;
        }
        if (state != State.OPEN) {
            return; // Node ignores packets once the session is closing
        }
        if (p.type() != EnginePacketType.PONG) {
            heartbeat.onOtherPacket();
        }
        switch (p.type()) {
            case MESSAGE -> {
                if (listener != null) {
                    listener.onMessage(this, p.message());
                } else {
                    log.warn("session {}: message before a listener was set, dropped", id);
                }
            }
            case PONG -> heartbeat.onPong();
            case PING -> onTransportError("invalid heartbeat direction");
            // CLOSE over polling is handled by PollingTransport; over a websocket Node ignores it (the
            // client closes the connection next). NOOP, OPEN, UPGRADE on the current transport: ignored.
            default -> { }
        }
    }

    /** Undecodable input: ends the session, or only drops a websocket that is still probing. */
    void onParseError(Transport from, String detail) {
        if (from == transport) {
            onClose(CloseReason.PARSE_ERROR, detail);
        } else if (upgrade != null) {
            upgrade.onInvalid(from);
        }
    }

    void onTransportError(String detail) {
        onClose(CloseReason.TRANSPORT_ERROR, detail);
    }

    /** A transport's connection closed; only the current one ends the session. */
    void onTransportClose(Transport from) {
        if (from == transport) {
            onClose(state == State.CLOSING ? CloseReason.FORCED_CLOSE : CloseReason.TRANSPORT_CLOSE, null);
        } else if (upgrade != null) {
            upgrade.onTransportClosed(from);
        }
    }

    void onTransportError(Transport from, String detail) {
        if (from == transport) {
            onClose(CloseReason.TRANSPORT_ERROR, detail);
        } else if (upgrade != null) {
            upgrade.onTransportClosed(from);
        }
    }

    /** A websocket asks to take over this polling session. */
    void beginUpgrade(WebSocketTransport ws) {
        if (upgrade == null) {
            upgrade = new SessionUpgrade(this);
        }
        upgrade.begin(ws);
    }

    /**
     * The upgrade's periodic check once the probe is answered: a waiting poll is answered (with what is
     * buffered, else a NOOP) so that the client can pause polling and finish the upgrade.
     */
    void onUpgradeCheck() {
        if (state != State.CLOSED && transport instanceof PollingTransport polling && polling.writable()) {
            if (writeBuffer.isEmpty()) {
                polling.send(List.of(EnginePacket.NOOP));
            } else {
                flush();
            }
        }
    }

    /** The upgrade completed: the websocket becomes the transport and the polling one is discarded. */
    void completeUpgrade(WebSocketTransport ws) {
        PollingTransport polling = (PollingTransport) transport;
        transport = ws;
        transportName = ws.name();
        if (!readingWanted) {
            applyReading(); // paused while on polling: the websocket starts paused too
        }
        polling.discard();
        flush();
        if (state == State.CLOSING) {
            onClose(CloseReason.FORCED_CLOSE, null);
        }
    }

    /** Ends the session once: stops timers, closes transports, tells the listener. */
    void onClose(CloseReason reason, String description) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        heartbeat.stop();
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        if (upgrade != null) {
            upgrade.abort();
        }
        writeBuffer.clear();
        bufferedBytes = 0;
        transport.close();
        engine.remove(this);
        if (listener != null) {
            try {
                listener.onClose(this, reason, description);
            } catch (RuntimeException e) {
                log.error("session {}: close listener failed", id, e);
            }
        }
    }
}
