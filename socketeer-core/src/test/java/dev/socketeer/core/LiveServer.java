package dev.socketeer.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A real {@link SocketIoServer} on 127.0.0.1 and a free port for end-to-end tests, with the waits and
 * client options those tests share. Tests start it through their {@link EndToEnd} fixture, which closes it
 * after each test. Not thread safe.
 */
final class LiveServer implements AutoCloseable {
    /** Generous: the build machine is small and shared. */
    static final Duration WAIT = Duration.ofSeconds(10);

    final SocketIoServer io;

    private LiveServer(SocketIoServer io) {
        this.io = io;
    }

    /** Builds the server, lets {@code setup} register namespaces and listeners, then starts it. */
    static LiveServer start(SocketIoServer.Builder builder, Consumer<SocketIoServer> setup) {
        SocketIoServer io = builder.host("127.0.0.1").port(0).build();
        try {
            setup.accept(io);
            io.start();
        } catch (RuntimeException | Error e) {
            io.close();
            throw e;
        }
        return new LiveServer(io);
    }

    int port() {
        return io.port();
    }

    /** The client URL of a namespace, e.g. {@code url("/chat")}. */
    String url(String namespace) {
        return "http://127.0.0.1:" + io.port() + namespace;
    }

    @Override
    public void close() {
        io.close();
    }

    /** socket.io-client options: a new connection on the websocket transport only. */
    static Map<String, Object> websocket(Object... more) {
        return options("transports", List.of("websocket"), "forceNew", true, more);
    }

    /** socket.io-client options: a new connection on the polling transport only. */
    static Map<String, Object> polling(Object... more) {
        return options("transports", List.of("polling"), "forceNew", true, more);
    }

    private static Map<String, Object> options(String k1, Object v1, String k2, Object v2, Object[] more) {
        Map<String, Object> options = new HashMap<>();
        options.put(k1, v1);
        options.put(k2, v2);
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    /** Waits {@link #WAIT} for a future, failing the test with what was awaited. */
    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** Takes the next element of a queue filled by server callbacks, waiting {@link #WAIT}. */
    static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** A queue that collects server-side sockets as they connect. */
    static BlockingQueue<Socket> socketQueue() {
        return new LinkedBlockingQueue<>();
    }
}
