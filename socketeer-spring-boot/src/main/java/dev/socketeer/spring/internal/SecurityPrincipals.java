package dev.socketeer.spring.internal;

import org.springframework.security.core.Authentication;

/** Spring Security specifics of {@link Principals}; loaded only when Spring Security is present. */
final class SecurityPrincipals {
    private SecurityPrincipals() {
    }

    /** Whether the stored authentication has {@code ROLE_<role>} for one of {@code roles}. */
    static boolean hasAnyRole(Object stored, java.util.Collection<String> roles) {
        if (!(stored instanceof Authentication a)) {
            return false;
        }
        for (org.springframework.security.core.GrantedAuthority g : a.getAuthorities()) {
            String authority = g.getAuthority();
            if (authority != null && authority.startsWith("ROLE_") && roles.contains(authority.substring(5))) {
                return true;
            }
        }
        return false;
    }

    /** The authentication's own principal (a {@code Jwt} for a JWT authentication), or null. */
    static Object principalOf(Object stored) {
        return stored instanceof Authentication a ? a.getPrincipal() : null;
    }
}
