package dev.socketeer.spring;

/**
 * An error whose message is meant for the client, NestJS's {@code WsException}: thrown from a gateway
 * handler (or completing its {@code Mono}/{@code CompletionStage}), it answers the acknowledgement
 * with {@code {"status":"error","message":getMessage()}}, or emits it as an {@code exception} event.
 *
 * <p>Immutable.
 */
public class SocketError extends RuntimeException {

    public SocketError(String message) {
        super(message);
    }

    public SocketError(String message, Throwable cause) {
        super(message, cause);
    }
}
