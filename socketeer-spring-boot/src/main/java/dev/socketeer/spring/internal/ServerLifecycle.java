package dev.socketeer.spring.internal;

import dev.socketeer.core.SocketIoServer;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the {@link SocketIoServer} with the application context. With a dedicated port it
 * binds on start; mounted on the web server it only marks the server running. Stopping closes every
 * socket with "server shutting down" and refuses new handshakes.
 *
 * <p>Its phase sits after the web server's start and before its graceful shutdown, so Socket.IO
 * connections (long polls, websockets) are closed first and do not hold the graceful shutdown up.
 * A stopped server cannot be started again. Threading: thread safe.
 */
public final class ServerLifecycle implements SmartLifecycle {
    /** After WebServerStartStopLifecycle and before WebServerGracefulShutdownLifecycle stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final SocketIoServer server;
    private final boolean dedicated;
    private volatile boolean running;
    private boolean closed;

    public ServerLifecycle(SocketIoServer server, boolean dedicated) {
        this.server = server;
        this.dedicated = dedicated;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the Socket.IO server was stopped and cannot be started again");
        }
        if (dedicated) {
            server.start();
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    /**
     * Not paused with the context: Spring 7 stops a cached test context when another one becomes
     * active and restarts it later, which a closed server cannot survive; the server lives until the
     * context closes.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Whether the server listens on its own port. */
    public boolean dedicated() {
        return dedicated;
    }
}
