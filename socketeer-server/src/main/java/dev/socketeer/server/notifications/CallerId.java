package dev.socketeer.server.notifications;

import dev.socketeer.server.common.Problems;
import java.util.OptionalLong;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller's user id: the {@code uid} claim of the JWT (a number, as the server issues it). Notifications
 * belong to user ids, not names, so a renamed user keeps them. Stateless.
 */
final class CallerId {
    static final String CLAIM = "uid";

    private CallerId() {}

    /** The {@code uid} claim, or empty when the token has none (a token this server did not issue). */
    static OptionalLong of(Jwt jwt) {
        Object uid = jwt.getClaims().get(CLAIM);
        if (uid instanceof Number number) return OptionalLong.of(number.longValue());
        if (uid instanceof String text && text.matches("[0-9]{1,18}")) return OptionalLong.of(Long.parseLong(text));
        return OptionalLong.empty();
    }

    /** The {@code uid} claim; a 401 problem without one. */
    static long require(Jwt jwt) {
        return of(jwt).orElseThrow(() -> Problems.unauthorized("The bearer token carries no user id (uid claim)"));
    }
}
