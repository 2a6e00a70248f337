package dev.socketeer.core.internal;

import dev.socketeer.core.PacketMiddleware;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Runs a socket's incoming-packet middleware in order for one event, Node's {@code socket.run}: the
 * first failure ends the chain. A synchronous {@code next} continues inline (so events stay in order, as in
 * Node); a later one continues on the client's serial executor. The outcome
 * ({@code null} for success) is passed on once.
 */
final class PacketMiddlewareChain {
    private final List<PacketMiddleware> middlewares;
    private final JsonNode packet;
    private final SerialExecutor serial;
    private final Consumer<Exception> done;

    PacketMiddlewareChain(List<PacketMiddleware> middlewares, JsonNode packet, SerialExecutor serial,
                          Consumer<Exception> done) {
        this.middlewares = middlewares;
        this.packet = packet;
        this.serial = serial;
        this.done = done;
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
        PacketMiddleware.Next next = new PacketMiddleware.Next() {
            @Override
            public void proceed() {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> run(index + 1)); // inline when synchronous, as in Node
                }
            }

            @Override
            public void fail(Exception error) {
                if (answered.compareAndSet(false, true)) {
                    serial.executeOrRun(() -> done.accept(error != null ? error : new IllegalStateException("rejected")));
                }
            }
        };
        try {
            middlewares.get(index).handle(packet, next);
        } catch (Exception e) {
            if (answered.compareAndSet(false, true)) {
                done.accept(e);
            }
        }
    }
}
