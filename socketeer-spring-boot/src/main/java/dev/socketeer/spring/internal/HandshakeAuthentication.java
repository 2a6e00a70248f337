package dev.socketeer.spring.internal;

import dev.socketeer.core.Middleware;
import dev.socketeer.spring.AuthPolicy;

/** Makes the connection middleware that enforces a namespace's {@link AuthPolicy}. Thread safe. */
public interface HandshakeAuthentication {

    /** Middleware for {@code policy} ({@link AuthPolicy#REQUIRED} or {@link AuthPolicy#OPTIONAL}). */
    Middleware middleware(AuthPolicy policy);
}
