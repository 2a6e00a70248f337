package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link BeforeConnect}, {@link OnConnect}, {@link OnDisconnect} and {@link OnEvent}
 * methods handle the sockets of one namespace: the Java counterpart of NestJS's {@code @WebSocketGateway}.
 *
 * <p>Handler parameters are resolved by type or annotation: the {@link dev.socketeer.core.Socket},
 * the {@link dev.socketeer.core.Ack}, the {@link dev.socketeer.core.DisconnectReason} (in
 * {@code @OnDisconnect}), the principal ({@link AuthPrincipal}, or any parameter of type
 * {@code java.security.Principal}, {@code Authentication} or {@code Jwt}), a
 * {@code tools.jackson.databind.JsonNode} of all arguments, and at most one payload parameter (the
 * event's first argument converted with Jackson, validated when annotated {@code @Valid}). An
 * {@code @OnEvent} method's return value (a plain object, a {@code Mono} or a
 * {@code CompletionStage}) answers the acknowledgement. A thrown exception or a validation failure
 * answers the acknowledgement with {@code {"status":"error","message":...}} or, when the client did not
 * ask for one, emits an {@code exception} event with the same object to that socket; only the
 * messages of {@link SocketError} and of validation failures reach the client, others become
 * {@code "Internal server error"} (and are logged).
 *
 * <p>Lifecycle: gateways are registered when the application context has created its singletons,
 * before the server starts. Threading: handler methods run on the server's handler executor, never
 * on a Netty event loop, one at a time for one client connection and in parallel across clients; a
 * gateway bean must therefore be thread safe. A {@code Mono} result is subscribed to, never blocked on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketGateway {

    /** The namespace, {@code "/"} by default. */
    String namespace() default "/";

    /** Whether the handshake must carry a JWT. */
    AuthPolicy auth() default AuthPolicy.DEFAULT;
}
