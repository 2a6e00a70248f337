package dev.socketeer.server.projects;

import dev.socketeer.server.common.Problems;
import java.util.Collection;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user behind a request or a socket, from the JWT: {@code uid} (the user id), {@code sub} (the username)
 * and whether {@code roles} holds {@code ADMIN}. Seed 002's {@code query.userId} is never looked at: identity
 * comes from the token only. Immutable.
 */
public record Caller(long id, String username, boolean admin) {

    private static final String USER_ID_CLAIM = "uid";
    private static final String ROLES_CLAIM = "roles";

    /** The caller of a token this server issued; empty when the token carries no numeric {@code uid}. */
    public static Optional<Caller> from(Jwt jwt) {
        Object uid = jwt.getClaims().get(USER_ID_CLAIM);
        if (!(uid instanceof Number number)) return Optional.empty();
        boolean admin = jwt.getClaims().get(ROLES_CLAIM) instanceof Collection<?> roles && roles.contains("ADMIN");
        return Optional.of(new Caller(number.longValue(), jwt.getSubject(), admin));
    }

    /** The caller of a REST request; a 401 problem when the token carries no user id. */
    public static Caller of(Jwt jwt) {
        return from(jwt).orElseThrow(() -> Problems.unauthorized("The token carries no user id (uid claim): log in again"));
    }
}
