package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SocketGateway} method called when a socket has connected to the gateway's namespace
 * (after the connection middleware, including authentication, passed). It runs after the client has
 * received CONNECT: join rooms in a {@link BeforeConnect} method instead, so nothing emitted to them
 * after the client sees {@code connect} is missed.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other handlers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {
}
