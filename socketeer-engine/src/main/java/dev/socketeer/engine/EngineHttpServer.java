package dev.socketeer.engine;

/**
 * A standalone Netty HTTP server that serves one {@link EngineServer} (and answers 404 elsewhere).
 *
 * <p>Lifecycle: {@link #start} binds and returns once listening; {@link #close()} closes the engine's
 * sessions, then the listening socket and the event loops. Threading: thread safe.
 */
public final class EngineHttpServer implements AutoCloseable {

    private EngineHttpServer() {
    }

    /** Binds {@code host:port} (port 0 picks a free port) and serves the engine. */
    public static EngineHttpServer start(EngineServer engine, String host, int port) {
        throw new IllegalStateException("not yet implemented");
    }

    /** The bound port. */
    public int port() {
        return 0;
    }

    @Override
    public void close() {
    }
}
