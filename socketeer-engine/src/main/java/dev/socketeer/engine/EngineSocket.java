package dev.socketeer.engine;

import io.netty.channel.EventLoop;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Engine.IO session, seen from the layer above (Socket.IO).
 *
 * <p>Lifecycle: created by the {@link EngineServer} after a successful handshake and handed to its
 * connection listener; lives across a transport upgrade; ends exactly once, reported through
 * {@link Listener#onClose}.
 *
 * <p>Threading: every session belongs to one Netty {@link #eventLoop() event loop}; its reads, writes,
 * heartbeat and listener callbacks run there. {@link #send}, {@link #close} and the getters may be called
 * from any thread; calls from other threads are handed to the event loop in order. Listener callbacks
 * must not block.
 */
public interface EngineSocket {

    /** The session id ({@code sid}), 20 characters from a CSPRNG. */
    String id();

    /** The current transport; changes from polling to websocket on upgrade. */
    EngineTransport transport();

    /** The handshake request. */
    EngineRequest request();

    /** The event loop this session runs on. */
    EventLoop eventLoop();

    /** Whether the session is open (not yet closed). */
    boolean isOpen();

    /**
     * Queues messages for the client, in order, as consecutive packets (a Socket.IO binary packet and
     * its attachments are sent with one call so nothing interleaves).
     */
    void send(List<EngineMessage> messages);

    /** Queues one message. */
    default void send(EngineMessage message) {
        send(List.of(message));
    }

    /**
     * Like {@link #send(List)}, but drops the messages if the transport cannot take them right now
     * (websocket channel not writable, or no pending polling request). Used for volatile events.
     *
     * @return whether the messages were queued
     */
    boolean sendVolatile(List<EngineMessage> messages);

    /**
     * Stops or resumes reading from the client (inbound back-pressure): on a websocket the connection
     * stops being read, so TCP slows the client's sends down; a long-polling client is not affected (it
     * waits for the answer to each request anyway). For a layer above whose handlers fall behind what
     * the client sends. Any thread; idempotent; the default does nothing.
     */
    default void setReading(boolean reading) {
    }

    /** Closes the session with reason {@link CloseReason#FORCED_CLOSE}, after flushing what is queued. */
    void close();

    /**
     * Sets the listener; must be called once, from the connection listener (before any message can
     * arrive). Messages that arrive before are buffered.
     */
    void setListener(Listener listener);

    /**
     * Receives what happens to a session. All callbacks run on the session's event loop and must not
     * block; the layer above hands work to its own executor.
     */
    interface Listener {
        /** A MESSAGE packet arrived. */
        void onMessage(EngineSocket socket, EngineMessage message);

        /** The session closed; called exactly once. {@code description} may be {@code null}. */
        void onClose(EngineSocket socket, CloseReason reason, @Nullable String description);
    }
}
