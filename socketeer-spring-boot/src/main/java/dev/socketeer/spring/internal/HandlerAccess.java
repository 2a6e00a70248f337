package dev.socketeer.spring.internal;

import dev.socketeer.core.Socket;
import dev.socketeer.spring.Authenticated;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketPrincipal;
import java.lang.reflect.Method;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Who may call one gateway handler: anyone, any principal, or a principal with one of some roles
 * ({@link Authenticated} on the method, else on its class). Immutable; thread safe.
 */
final class HandlerAccess {
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", HandlerAccess.class.getClassLoader());
    private static final HandlerAccess ANYONE = new HandlerAccess(false, List.of());

    private final boolean principal;
    private final List<String> roles;

    private HandlerAccess(boolean principal, List<String> roles) {
        this.principal = principal;
        this.roles = roles;
    }

    static HandlerAccess of(Method method) {
        Authenticated a = AnnotatedElementUtils.findMergedAnnotation(method, Authenticated.class);
        if (a == null) {
            a = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), Authenticated.class);
        }
        return a == null ? ANYONE : new HandlerAccess(true, List.of(a.roles()));
    }

    /** Why {@code socket} may not call the handler ({@code Unauthorized} or {@code Forbidden}), or null. */
    SocketError refusal(Socket socket) {
        if (!principal) {
            return null;
        }
        Object stored = socket.data().get(SocketPrincipal.KEY);
        if (stored == null) {
            return new SocketError(UNAUTHORIZED);
        }
        if (roles.isEmpty() || (SECURITY && SecurityPrincipals.hasAnyRole(stored, roles))) {
            return null;
        }
        return new SocketError(FORBIDDEN);
    }
}
