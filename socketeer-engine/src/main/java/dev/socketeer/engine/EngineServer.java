package dev.socketeer.engine;

import java.util.function.Consumer;

/**
 * An Engine.IO protocol 4 server: owns the sessions, answers handshakes, polling requests and
 * websocket upgrades, and runs the heartbeat.
 *
 * <p>Lifecycle: create it with its options and a connection listener, serve it from a Netty pipeline
 * ({@link #newHttpHandler()}) or standalone through {@link EngineHttpServer}, and {@link #close()} it
 * to end every session with reason {@code server shutting down}.
 *
 * <p>Threading: thread safe. The connection listener runs on the new session's event loop and must
 * not block.
 */
public final class EngineServer implements AutoCloseable {
    // Implementation in progress (see dev.socketeer.engine.internal).
    private final EngineOptions options;
    private final Consumer<EngineSocket> connectionListener;

    public EngineServer(EngineOptions options, Consumer<EngineSocket> connectionListener) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.connectionListener = java.util.Objects.requireNonNull(connectionListener, "connectionListener");
    }

    public EngineOptions options() {
        return options;
    }

    /** The number of open sessions. */
    public int clientsCount() {
        return 0;
    }

    /**
     * A new handler for a Netty pipeline placed after {@code HttpServerCodec}: it serves requests under
     * {@link EngineOptions#path()} and passes every other request on unchanged.
     */
    public io.netty.channel.ChannelHandler newHttpHandler() {
        throw new IllegalStateException("not yet implemented");
    }

    @Override
    public void close() {
    }
}
