package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthDtos.LoginRequest;
import dev.socketeer.server.auth.AuthDtos.RegisterRequest;
import dev.socketeer.server.auth.AuthDtos.TokenResponse;
import dev.socketeer.server.auth.AuthDtos.UserView;
import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registration, login and "who am I". Usernames are stored lower-case, so {@code Alice} and {@code alice}
 * are one user. Logins are throttled ({@link LoginThrottle}). BCrypt and JDBC run on the bounded elastic
 * scheduler. Thread safe.
 */
@Service
final class AuthService {

    /** One answer for unknown user and wrong password, so logins do not reveal which usernames exist. */
    static final String BAD_CREDENTIALS = "Invalid username or password";

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    /** What an unknown user's password is compared with: a real hash of the encoder's cost, of nobody's password. */
    private final String dummyHash;

    AuthService(UserRepository users, PasswordEncoder passwords, TokenIssuer tokens, LoginThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    Mono<UserView> register(RegisterRequest request) {
        Role role = request.role() == null ? Role.USER : request.role();
        if (!role.selfAssignable()) {
            return Mono.error(Problems.forbidden("Role " + role + " cannot be self-assigned"));
        }
        String username = normalize(request.username());
        return Blocking.call(() -> {
            if (users.existsByUsername(username)) throw taken(username);
            User user = User.create(username, passwords.encode(request.password()), role,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            try {
                return UserView.of(users.save(user));
            } catch (RuntimeException e) {
                // a concurrent registration won the race to the unique constraint
                if (DuplicateUsername.isRace(e) && users.existsByUsername(username)) throw taken(username);
                throw e;
            }
        });
    }

    /**
     * Logs in from {@code clientAddress} ({@link LoginThrottle#addressKey}). Throttled before any work (429);
     * then exactly one BCrypt comparison, against the user's hash or, for an unknown user, a dummy hash of the
     * same cost, so both answers take as long. A password over 72 bytes is wrong without hashing.
     */
    Mono<TokenResponse> login(LoginRequest request, String clientAddress) {
        String username = normalize(request.username());
        // the throttle may ask the cluster's Redis: off the event loop, like the BCrypt work
        return Blocking.call(() -> throttle.admit(username, clientAddress)).flatMap(attempt ->
                Blocking.call(() -> verify(username, request.password()))
                        .map(user -> {
                            attempt.succeeded();
                            return tokens.issue(user);
                        })
                        .switchIfEmpty(Mono.defer(() -> {
                            attempt.failed();
                            return Mono.error(Problems.unauthorized(BAD_CREDENTIALS));
                        }))
                        .doFinally(signal -> attempt.abandoned()));
    }

    /** The user when the password is theirs, else null. Blocking. */
    private User verify(String username, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > AuthDtos.PASSWORD_MAX_BYTES) {
            // no stored password is longer, and BCrypt would compare only the first 72 bytes: a wrong password
            return null;
        }
        Optional<User> user = users.findByUsername(username);
        boolean matches = passwords.matches(password, user.map(User::passwordHash).orElse(dummyHash));
        return matches ? user.orElse(null) : null;
    }

    Mono<UserView> me(String username) {
        return Blocking.call(() -> users.findByUsername(username)
                .map(UserView::of)
                .orElseThrow(() -> Problems.unauthorized("The user of this token no longer exists")));
    }

    private static String normalize(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    private static RuntimeException taken(String username) {
        return Problems.conflict("Username '" + username + "' is already taken");
    }
}
