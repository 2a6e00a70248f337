package dev.socketeer.core.internal;

import dev.socketeer.core.AckCallback;
import dev.socketeer.core.SocketEmitter;
import dev.socketeer.core.adapter.BroadcastFlags;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** A {@link SocketEmitter} with fixed flags over one socket. Immutable; thread safe. */
final class FlaggedEmitter implements SocketEmitter {
    private final RealSocket socket;
    private final BroadcastFlags flags;

    FlaggedEmitter(RealSocket socket, BroadcastFlags flags) {
        this.socket = socket;
        this.flags = flags;
    }

    @Override
    public boolean emit(String event, Object... args) {
        return socket.emit(flags, event, Arrays.asList(args), null);
    }

    @Override
    public boolean emit(String event, List<?> args, AckCallback callback) {
        return socket.emit(flags, event, args, java.util.Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public CompletableFuture<JsonNode> emitWithAck(String event, Object... args) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        socket.emit(flags, event, Arrays.asList(args), (error, ackArgs) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(ackArgs);
            }
        });
        return result;
    }

    @Override
    public SocketEmitter timeout(Duration timeout) {
        return new FlaggedEmitter(socket, flags.withTimeout(timeout));
    }

    @Override
    public SocketEmitter volatile_() {
        return new FlaggedEmitter(socket, flags.withVolatile());
    }

    @Override
    public SocketEmitter compress(boolean compress) {
        return new FlaggedEmitter(socket, flags.withCompress(compress));
    }
}
