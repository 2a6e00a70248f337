package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SocketGateway} method that runs as a connection middleware of the gateway's namespace
 * (Node's {@code nsp.use((socket, next) => ...)}): after handshake authentication, so the principal is
 * there, and before the server answers CONNECT. Join rooms here rather than in {@link OnConnect}: an
 * {@code @OnConnect} method runs after the client has seen {@code connect}, so something emitted to a
 * room in between (say, right after an HTTP request the client sends once connected) would miss the
 * socket; a room joined here receives everything emitted to it once the socket is connected.
 *
 * <p>The method may take the {@link dev.socketeer.core.Socket} and the principal (see
 * {@link SocketGateway}), and must return {@code void}. Throwing a {@link SocketError} refuses the
 * connection with {@code CONNECT_ERROR {"message": getMessage()}}; any other exception is logged and
 * refuses it with {@code "Internal server error"}. A refused socket leaves the rooms it joined.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other handlers, once per
 * connection attempt. Socket.IO connection state recovery skips it for a recovered socket (unless
 * {@code socketeer.connection-state-recovery.skip-middlewares} is off); the rooms come back with the session.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BeforeConnect {
}
