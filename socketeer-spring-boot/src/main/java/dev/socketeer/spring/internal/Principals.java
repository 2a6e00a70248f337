package dev.socketeer.spring.internal;

import dev.socketeer.core.Socket;
import dev.socketeer.spring.SocketPrincipal;
import org.springframework.util.ClassUtils;

/** Finds the value of a principal parameter in what handshake authentication stored. Stateless. */
final class Principals {
    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", Principals.class.getClassLoader());

    private Principals() {
    }

    static Object resolve(Socket socket, Class<?> type) {
        Object stored = socket.data().get(SocketPrincipal.KEY);
        if (stored == null || type.isInstance(stored)) {
            return stored;
        }
        if (SECURITY) {
            Object inner = SecurityPrincipals.principalOf(stored);
            if (type.isInstance(inner)) {
                return inner;
            }
        }
        return null;
    }
}
