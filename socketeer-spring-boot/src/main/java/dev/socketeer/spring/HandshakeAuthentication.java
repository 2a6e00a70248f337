package dev.socketeer.spring;

import dev.socketeer.core.Middleware;

/**
 * Makes the connection middleware that enforces a namespace's {@link AuthPolicy}. The auto-configuration
 * provides one that verifies a JWT with the application's {@code ReactiveJwtDecoder} (from
 * {@code auth.token}, {@code Authorization: Bearer} or a {@code token} query parameter); define a bean of
 * this type to authenticate handshakes another way (it replaces the default). The middleware refuses a
 * connection with {@code next.fail("Unauthorized", Map.of("reason", ...))} and puts the principal in
 * {@code socket.data()} under {@code "principal"} (see {@link SocketPrincipal}).
 *
 * <p>Threading: thread safe; the middleware runs on the handler executor, once per connection attempt.
 */
public interface HandshakeAuthentication {

    /** Middleware for {@code policy} ({@link AuthPolicy#REQUIRED} or {@link AuthPolicy#OPTIONAL}). */
    Middleware middleware(AuthPolicy policy);
}
