package dev.socketeer.engine;

import dev.socketeer.engine.internal.EngineContext;
import dev.socketeer.engine.internal.EngineHttpHandler;
import dev.socketeer.engine.internal.HttpConnectionGuard;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import dev.socketeer.engine.internal.PerMessageDeflate;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An Engine.IO protocol 4 server: owns the sessions, answers handshakes, polling requests and
 * websocket upgrades, and runs the heartbeat.
 *
 * <p>Lifecycle: create it with its options and a connection listener, serve it from a Netty pipeline
 * ({@link #addHandlers(ChannelPipeline)}) or standalone through {@link EngineHttpServer}, and
 * {@link #close()} it to end every session with reason {@code server shutting down}.
 *
 * <p>Threading: thread safe. The connection listener runs on the new session's event loop and must
 * not block.
 */
public final class EngineServer implements AutoCloseable {
    private final EngineContext context;

    public EngineServer(EngineOptions options, Consumer<EngineSocket> connectionListener) {
        this.context = new EngineContext(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(connectionListener, "connectionListener"));
    }

    public EngineOptions options() {
        return context.options();
    }

    /** The number of open sessions. */
    public int clientsCount() {
        return context.clientsCount();
    }

    /**
     * Whether a request for {@code uri} (the request target as sent, not decoded) is the engine's: its
     * path is {@link EngineOptions#path()}, with or without the trailing slash. The engine's handler routes
     * by this rule, and so should a mount that routes requests to it.
     */
    public boolean handles(String uri) {
        return EngineHttpHandler.isEnginePath(uri, context.options().path());
    }

    /**
     * A new handler for a Netty pipeline placed after {@code HttpServerCodec}: it serves requests under
     * {@link EngineOptions#path()} and passes every other request on unchanged. One per channel.
     */
    public ChannelHandler newHttpHandler() {
        return new EngineHttpHandler(context);
    }

    /**
     * A new handler for an HTTP/1.1 pipeline owned by another server (Spring Boot's Reactor Netty), placed right
     * after its HTTP codec: a request head still arriving {@link EngineOptions#headersTimeout()} after its first
     * bytes, or a request (head and body) {@link EngineOptions#requestTimeout()}, is answered {@code 408} and the
     * connection closed, whatever its path (Node's {@code headersTimeout} and {@code requestTimeout}); no timer
     * runs while a request waits for its answer. Idle connections and reading stay the owning server's. A
     * websocket upgrade to the engine removes it. One per channel; runs on the channel's event loop.
     */
    public ChannelHandler newHttpTimeoutHandler() {
        return new HttpConnectionGuard(context.options(), true);
    }

    /**
     * Adds what the engine needs to a pipeline that already ends with {@code HttpServerCodec}: the
     * permessage-deflate extension when enabled, then {@link #newHttpHandler()}.
     */
    public void addHandlers(ChannelPipeline pipeline) {
        if (context.options().perMessageDeflate()) {
            pipeline.addLast("engine-ws-deflate", PerMessageDeflate.newHandler(context.options()));
        }
        pipeline.addLast("engine-http", newHttpHandler());
    }

    /** Ends every session with {@link CloseReason#SERVER_SHUTTING_DOWN} and refuses new handshakes. */
    @Override
    public void close() {
        context.close();
    }
}
