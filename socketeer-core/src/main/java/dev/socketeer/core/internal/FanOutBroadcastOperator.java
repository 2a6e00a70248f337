package dev.socketeer.core.internal;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.RemoteSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * A broadcast over every child of a dynamic namespace (Node's {@code ParentBroadcastAdapter}): the same
 * selection applied to each child. Acknowledgements and {@code fetchSockets} are not supported, as in
 * Node. Immutable; thread safe.
 */
final class FanOutBroadcastOperator implements BroadcastOperator {
    private final Supplier<? extends Collection<Namespace>> children;
    private final UnaryOperator<BroadcastOperator> selection;

    FanOutBroadcastOperator(Supplier<? extends Collection<Namespace>> children,
                            UnaryOperator<BroadcastOperator> selection) {
        this.children = children;
        this.selection = selection;
    }

    private BroadcastOperator then(UnaryOperator<BroadcastOperator> next) {
        return new FanOutBroadcastOperator(children, op -> next.apply(selection.apply(op)));
    }

    @Override
    public BroadcastOperator to(String... rooms) {
        return then(op -> op.to(rooms));
    }

    @Override
    public BroadcastOperator in(String... rooms) {
        return then(op -> op.in(rooms));
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return then(op -> op.except(rooms));
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return then(op -> op.compress(compress));
    }

    @Override
    public BroadcastOperator volatile_() {
        return then(BroadcastOperator::volatile_);
    }

    @Override
    public BroadcastOperator local() {
        return then(BroadcastOperator::local);
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return then(op -> op.timeout(timeout));
    }

    @Override
    public boolean emit(String event, Object... args) {
        children.get().forEach(child -> selection.apply(child).emit(event, args));
        return true;
    }

    @Override
    public boolean emit(String event, List<?> args, BroadcastAckCallback callback) {
        throw new UnsupportedOperationException("acknowledgements are not supported on parent namespaces");
    }

    @Override
    public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
        throw new UnsupportedOperationException("acknowledgements are not supported on parent namespaces");
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        throw new UnsupportedOperationException("fetchSockets() is not supported on parent namespaces");
    }

    @Override
    public void socketsJoin(String... rooms) {
        children.get().forEach(child -> selection.apply(child).socketsJoin(rooms));
    }

    @Override
    public void socketsLeave(String... rooms) {
        children.get().forEach(child -> selection.apply(child).socketsLeave(rooms));
    }

    @Override
    public void disconnectSockets(boolean close) {
        children.get().forEach(child -> selection.apply(child).disconnectSockets(close));
    }
}
