package dev.socketeer.core;

/**
 * Handles one event whose first argument is converted to {@code T}, e.g.
 * {@code socket.on("joinRoom", JoinRoom.class, (msg, ack) -> ...)}.
 *
 * <p>If the argument cannot be converted, the listener is not called: the acknowledgement (if
 * requested) is answered with {@code {"status":"error","message":...}} and the error goes to the
 * socket's error listeners. Threading: as {@link EventListener}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedEventListener<T> {
    void onEvent(T payload, Ack ack) throws Exception;
}
