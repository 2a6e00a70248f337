package dev.socketeer.spring.internal;

import org.springframework.security.core.Authentication;

/** Spring Security specifics of {@link Principals}; loaded only when Spring Security is present. */
final class SecurityPrincipals {
    private SecurityPrincipals() {
    }

    /** The authentication's own principal (a {@code Jwt} for a JWT authentication), or null. */
    static Object principalOf(Object stored) {
        return stored instanceof Authentication a ? a.getPrincipal() : null;
    }
}
