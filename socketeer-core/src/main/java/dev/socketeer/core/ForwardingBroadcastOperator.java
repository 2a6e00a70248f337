package dev.socketeer.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@link BroadcastOperator} that forwards every method to {@link #operator()}, in the manner of Guava's
 * {@code Forwarding*} types: the server (to its main namespace) and each namespace (to a selection of all
 * its sockets) broadcast this way, and an application can decorate an operator by extending it (for
 * instance to log or count every broadcast) and overriding the methods it cares about.
 *
 * <p>Threading: as thread safe as {@link #operator()}.
 */
public abstract class ForwardingBroadcastOperator implements BroadcastOperator {

    protected ForwardingBroadcastOperator() {
    }

    /** The operator every method forwards to; may be made anew on each call. */
    protected abstract BroadcastOperator operator();

    @Override
    public BroadcastOperator to(String... rooms) {
        return operator().to(rooms);
    }

    @Override
    public BroadcastOperator in(String... rooms) {
        return operator().in(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return operator().except(rooms);
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return operator().compress(compress);
    }

    @Override
    public BroadcastOperator volatile_() {
        return operator().volatile_();
    }

    @Override
    public BroadcastOperator local() {
        return operator().local();
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return operator().timeout(timeout);
    }

    @Override
    public boolean emit(String event, @Nullable Object... args) {
        return operator().emit(event, args);
    }

    @Override
    public boolean emit(String event, List<?> args, BroadcastAckCallback callback) {
        return operator().emit(event, args, callback);
    }

    @Override
    public CompletableFuture<List<JsonNode>> emitWithAck(String event, @Nullable Object... args) {
        return operator().emitWithAck(event, args);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return operator().fetchSockets();
    }

    @Override
    public void socketsJoin(String... rooms) {
        operator().socketsJoin(rooms);
    }

    @Override
    public void socketsLeave(String... rooms) {
        operator().socketsLeave(rooms);
    }

    @Override
    public void disconnectSockets(boolean close) {
        operator().disconnectSockets(close);
    }
}
