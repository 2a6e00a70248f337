package dev.socketeer.server.auth;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The application's {@link ReactiveJwtDecoder}: a token is valid when it is (signature, {@code exp},
 * {@code iss}, by the decoder it wraps) and its user still exists ({@link KnownUsers}). Every entry point uses
 * this one bean, so a deleted user's token is refused alike everywhere: 401 {@code invalid_token} on REST and
 * SSE, {@code CONNECT_ERROR "Unauthorized"} with reason {@code "unknown user"} on the Socket.IO handshake.
 *
 * <p>Threading: thread safe; never blocks the calling thread (the lookup runs on the bounded elastic
 * scheduler, so the answer may arrive there).
 */
final class ExistingUserJwtDecoder implements ReactiveJwtDecoder {

    /** The refusal's text; the Socket.IO handshake turns it into the reason {@code "unknown user"}. */
    static final String UNKNOWN_USER = "unknown user: the user of this token no longer exists";

    private final ReactiveJwtDecoder signed;
    private final KnownUsers users;

    ExistingUserJwtDecoder(ReactiveJwtDecoder signed, KnownUsers users) {
        this.signed = signed;
        this.users = users;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return signed.decode(token).flatMap(jwt -> users.exists(userId(jwt), jwt.getSubject())
                .flatMap(exists -> exists ? Mono.just(jwt) : Mono.error(unknownUser())));
    }

    /** The {@code uid} claim as the server writes it (a number), or null when absent or of another shape. */
    private static Long userId(Jwt jwt) {
        Object uid = jwt.getClaims().get(TokenIssuer.USER_ID_CLAIM);
        if (uid instanceof Number number) return number.longValue();
        if (uid instanceof String text && text.matches("[0-9]{1,18}")) return Long.parseLong(text);
        return null;
    }

    private static JwtValidationException unknownUser() {
        return new JwtValidationException(UNKNOWN_USER,
                List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, UNKNOWN_USER, null)));
    }
}
