package dev.socketeer.engine.internal;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.EngineTransport;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's shared state: options, the open sessions by sid, and the connection listener.
 * Lifecycle: one per {@code EngineServer}, from its creation until it is closed (then new handshakes are
 * refused). Threading: thread safe; sessions are added and removed from their own event loops.
 */
public final class EngineContext {
    private static final Logger log = LoggerFactory.getLogger(EngineContext.class);

    private final EngineOptions options;
    private final Consumer<EngineSocket> connectionListener;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final String openTemplate;
    private final WebSocketDecoderConfig webSocketDecoderConfig;
    private volatile boolean closed;

    public EngineContext(EngineOptions options, Consumer<EngineSocket> connectionListener) {
        this.options = options;
        this.connectionListener = connectionListener;
        this.openTemplate = ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxHttpBufferSize() + "}";
        this.webSocketDecoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxHttpBufferSize())
                .allowExtensions(options.perMessageDeflate())
                // WebSocketChannelHandler answers every violation with a close frame; Netty's decoder would send
                // none after a close frame it refuses (an invalid close code), where ws sends 1002
                .closeOnProtocolViolation(false)
                .build();
    }

    public EngineOptions options() {
        return options;
    }

    /** The frame decoder settings, immutable and shared by every websocket's decoder. */
    WebSocketDecoderConfig webSocketDecoderConfig() {
        return webSocketDecoderConfig;
    }

    public int clientsCount() {
        return sessions.size();
    }

    public boolean isClosed() {
        return closed;
    }

    Session session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /**
     * Creates and opens a session on its first transport, lets {@code start} answer the handshake (so
     * the OPEN packet goes out alone, as in Node), then announces it. Runs on {@code loop}.
     */
    Session openSession(String sid, EngineRequest request, EventLoop loop,
            java.util.function.Function<Session, Transport> transportFactory, Consumer<Session> start) {
        Session session = new Session(sid, this, request, loop);
        Transport transport = transportFactory.apply(session);
        boolean upgradable = transport.name() == EngineTransport.POLLING && options.allowUpgrades()
                && options.transports().contains(EngineTransport.WEBSOCKET);
        session.open(transport, "{\"sid\":\"" + sid + "\",\"upgrades\":" + (upgradable ? "[\"websocket\"]" : "[]") + openTemplate);
        sessions.put(sid, session);
        start.accept(session);
        if (!session.isOpen()) {
            return session; // the connection went away while answering the handshake
        }
        try {
            connectionListener.accept(session);
        } catch (RuntimeException e) {
            log.error("connection listener failed for session {}", sid, e);
            session.onClose(CloseReason.TRANSPORT_ERROR, "connection listener failed");
        }
        return session;
    }

    /** A fresh session id not in use. */
    String newSid() {
        String sid;
        do {
            sid = SessionIds.next();
        } while (sessions.containsKey(sid));
        return sid;
    }

    void remove(Session session) {
        sessions.remove(session.id(), session);
    }

    /** Ends every session with {@code server shutting down}; new handshakes are refused afterwards. */
    public void close() {
        closed = true;
        for (Session s : sessions.values()) {
            s.eventLoop().execute(() -> s.onClose(CloseReason.SERVER_SHUTTING_DOWN, null));
        }
    }
}
