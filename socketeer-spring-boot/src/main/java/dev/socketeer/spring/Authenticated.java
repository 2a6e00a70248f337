package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authenticated principal (and, with {@link #roles}, one of these roles) for a gateway
 * handler, or for every handler of a {@link SocketGateway} class: how one namespace serves anonymous
 * clients and users at once (with {@link AuthPolicy#OPTIONAL}, a token that is sent must be valid, and
 * none is fine). No handler checks for a missing principal by hand.
 *
 * <p>An {@link OnEvent} handler called without the principal is not run: the client gets the error ack
 * {@code {"status":"error","message":"Unauthorized"}} ({@code "Forbidden"} when a role is missing), or an
 * {@code exception} event with that body when it asked for no ack; nothing else happens. An
 * {@link OnConnect} or {@link OnDisconnect} handler is simply not called for such a socket. Roles are the
 * principal's {@code ROLE_*} authorities (Spring Security's convention), so {@code roles = "ADMIN"}
 * needs {@code ROLE_ADMIN}; the handshake turns the token into authorities with the application's
 * {@code JwtAuthenticationConverter} bean when it has one.
 *
 * <p>Threading: checked on the handler executor, before the handler and before its payload is converted.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Authenticated {

    /** The roles of which the principal needs one (without {@code ROLE_}); empty: any principal. */
    String[] roles() default {};
}
