package dev.socketeer.core.internal;

import dev.socketeer.core.Middleware;
import dev.socketeer.core.PacketMiddleware;
import dev.socketeer.core.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs middleware in order, Node's {@code nsp.run} (connection middleware, {@link #connect}) and
 * {@code socket.run} (incoming-packet middleware, {@link #packet}): the first failure or exception ends
 * the chain, and the outcome ({@code null} for success, else the failure) is passed on once. Lifecycle:
 * one chain per socket connecting or per event, {@link #start() started} once.
 *
 * <p>Threading: start it on the client's serial executor. A {@code next} called synchronously continues
 * inline (so events stay in order, as in Node); one called later, from any thread, continues on the serial
 * executor. Each {@code next} counts once; later calls are ignored.
 *
 * @param <M> the middleware type
 * @param <F> the failure passed to {@code done}
 */
final class MiddlewareChain<M, F> {
    private static final Logger log = LoggerFactory.getLogger(MiddlewareChain.class);

    /** Calls one middleware with the chain's continuation, adapted to that middleware's {@code Next}. */
    private interface Step<M, F> {
        void call(M middleware, Continuation<F> next) throws Exception;
    }

    /** What a middleware's {@code next} does: go on, or end the chain with a failure. */
    private interface Continuation<F> {
        void proceed();

        void fail(F failure);
    }

    private final List<M> middlewares;
    private final Step<M, F> step;
    private final Function<Throwable, F> onThrow;
    private final SerialExecutor serial;
    private final Consumer<F> done;

    private MiddlewareChain(List<M> middlewares, Step<M, F> step, Function<Throwable, F> onThrow,
                            SerialExecutor serial, Consumer<F> done) {
        this.middlewares = middlewares;
        this.step = step;
        this.onThrow = onThrow;
        this.serial = serial;
        this.done = done;
    }

    /** A namespace's connection middleware for one socket; a failure or exception becomes CONNECT_ERROR. */
    static MiddlewareChain<Middleware, ConnectRefusal> connect(List<Middleware> middlewares, Socket socket,
                                                              SerialExecutor serial, Consumer<ConnectRefusal> done) {
        Step<Middleware, ConnectRefusal> step = (middleware, next) -> middleware.handle(socket, new Middleware.Next() {
            @Override
            public void proceed() {
                next.proceed();
            }

            @Override
            public void fail(String message) {
                fail(message, null);
            }

            @Override
            public void fail(String message, Object data) {
                next.fail(new ConnectRefusal(String.valueOf(message), data));
            }
        });
        return new MiddlewareChain<>(List.copyOf(middlewares), step, e -> {
            log.warn("connection middleware of {} failed", socket, e);
            return ConnectRefusal.of(e);
        }, serial, done);
    }

    /**
     * A socket's incoming-packet middleware for one event ({@code middlewares} already a snapshot); a failure
     * or exception goes to the socket's error listeners. An {@link Error} is not caught.
     */
    static MiddlewareChain<PacketMiddleware, Exception> packet(List<PacketMiddleware> middlewares, JsonNode packet,
                                                               SerialExecutor serial, Consumer<Exception> done) {
        Step<PacketMiddleware, Exception> step = (middleware, next) -> middleware.handle(packet, new PacketMiddleware.Next() {
            @Override
            public void proceed() {
                next.proceed();
            }

            @Override
            public void fail(Exception error) {
                next.fail(error != null ? error : new IllegalStateException("rejected"));
            }
        });
        return new MiddlewareChain<>(middlewares, step, e -> {
            if (e instanceof Error error) {
                throw error;
            }
            return (Exception) e;
        }, serial, done);
    }

    void start() {
        run(0);
    }

    private void run(int index) {
        if (index == middlewares.size()) {
            done.accept(null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        Continuation<F> next = new Continuation<>() {
            @Override
            public void proceed() {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> run(index + 1)); // inline when synchronous, as in Node
                }
            }

            @Override
            public void fail(F failure) {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> done.accept(failure));
                }
            }
        };
        try {
            step.call(middlewares.get(index), next);
        } catch (Exception | Error e) {
            if (answered.compareAndSet(false, true)) {
                done.accept(onThrow.apply(e));
            }
        }
    }
}
