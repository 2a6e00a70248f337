package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SocketGateway} method called when a socket has connected to the gateway's namespace
 * (after the connection middleware, including authentication, passed).
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other handlers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {
}
