package dev.socketeer.server.donations;

import dev.socketeer.server.common.Problems;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user acting on a request, from its token: {@code uid} (the user id) and {@code sub} (the username).
 * Immutable.
 */
record Actor(long id, String username) {

    /** The token claim carrying the user id (written by {@code auth.TokenIssuer}). */
    static final String USER_ID_CLAIM = "uid";

    static Actor of(Jwt jwt) {
        if (!(jwt.getClaims().get(USER_ID_CLAIM) instanceof Number uid)) {
            throw Problems.unauthorized("The token carries no user id (uid claim): log in again");
        }
        return new Actor(uid.longValue(), jwt.getSubject());
    }

    /** The id as the API shows user ids: a string, like the seed's {@code userId}. */
    String idText() {
        return Long.toString(id);
    }
}
