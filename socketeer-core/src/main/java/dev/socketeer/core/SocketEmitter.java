package dev.socketeer.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Emits events to one socket with a set of flags ({@code timeout}, {@code volatile},
 * {@code compress}). Each flag method returns a new emitter; a {@link Socket} is itself an emitter
 * without flags. Unlike Node, flags never stick to the socket, so emitters can be shared.
 *
 * <p>Immutable; thread safe.
 */
public interface SocketEmitter {

    /**
     * Emits an event; arguments are converted to JSON (byte arrays and ByteBuffers become binary).
     * Reserved names ({@code connect}, {@code connect_error}, {@code disconnect}, {@code disconnecting},
     * {@code newListener}, {@code removeListener}) are refused. Returns {@code true}, like Node.
     */
    boolean emit(String event, @Nullable Object... args);

    /** Emits an event and calls {@code callback} with the client's acknowledgement. */
    boolean emit(String event, List<?> args, AckCallback callback);

    /** Emits an event and completes with the acknowledgement arguments (a JSON array). */
    CompletableFuture<JsonNode> emitWithAck(String event, @Nullable Object... args);

    /** Fails the acknowledgement with {@link AckTimeoutException} if it does not arrive in time. */
    SocketEmitter timeout(Duration timeout);

    /** Drops the event if the transport cannot take it right now. */
    SocketEmitter volatile_();

    /**
     * Whether the event may be compressed (default {@code true}): with {@code false} it is never
     * compressed by permessage-deflate, and a polling answer holding only such packets is not compressed.
     */
    SocketEmitter compress(boolean compress);
}
