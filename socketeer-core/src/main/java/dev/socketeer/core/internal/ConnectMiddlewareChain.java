package dev.socketeer.core.internal;

import dev.socketeer.core.Middleware;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a namespace's connection middleware in order for one socket, Node's {@code nsp.run}: the first
 * failure (or exception) ends the chain. Each step runs on the client's serial executor, whichever
 * thread called {@code next}. The outcome ({@code null} for success) is passed on once.
 */
final class ConnectMiddlewareChain {
    private static final Logger log = LoggerFactory.getLogger(ConnectMiddlewareChain.class);
    private final List<Middleware> middlewares;
    private final dev.socketeer.core.Socket socket;
    private final SerialExecutor serial;
    private final Consumer<ConnectRefusal> done;

    ConnectMiddlewareChain(List<Middleware> middlewares, dev.socketeer.core.Socket socket, SerialExecutor serial,
                           Consumer<ConnectRefusal> done) {
        this.middlewares = List.copyOf(middlewares);
        this.socket = socket;
        this.serial = serial;
        this.done = done;
    }

    /** Starts the chain; call on the serial executor. */
    void start() {
        run(0);
    }

    private void run(int index) {
        if (index == middlewares.size()) {
            done.accept(null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void proceed() {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> run(index + 1)); // inline when synchronous, as in Node
                }
            }

            @Override
            public void fail(String message) {
                fail(message, null);
            }

            @Override
            public void fail(String message, Object data) {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> done.accept(new ConnectRefusal(String.valueOf(message), data)));
                }
            }
        };
        try {
            middlewares.get(index).handle(socket, next);
        } catch (Exception | Error e) {
            if (answered.compareAndSet(false, true)) {
                log.warn("connection middleware of {} failed", socket, e);
                done.accept(ConnectRefusal.of(e));
            }
        }
    }
}
