package dev.socketeer.spring;

import dev.socketeer.core.Socket;
import java.security.Principal;
import java.util.Optional;

/**
 * Where handshake authentication keeps the principal: {@code socket.data().get(KEY)}, a
 * {@code java.security.Principal} (with Spring Security, a {@code JwtAuthenticationToken}).
 *
 * <p>Set before the namespace's connection listeners run; restored with the session by connection
 * state recovery. Thread safe.
 */
public final class SocketPrincipal {

    /** The key in {@link Socket#data()}: {@value}. */
    public static final String KEY = "principal";

    private SocketPrincipal() {
    }

    /** The socket's principal, if its handshake was authenticated. */
    public static Optional<Principal> of(Socket socket) {
        return socket.data().get(KEY) instanceof Principal p ? Optional.of(p) : Optional.empty();
    }
}
