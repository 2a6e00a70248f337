package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SocketGateway} method that handles one event from the client, Node's
 * {@code socket.on(name, ...)}; its return value answers the acknowledgement.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other handlers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {

    /** The event name. */
    String value();
}
