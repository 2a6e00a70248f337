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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registration, login and "who am I". Usernames are stored lower-case, so {@code Alice} and {@code alice}
 * are one user. BCrypt and JDBC run on the bounded elastic scheduler. Thread safe.
 */
@Service
final class AuthService {

    /** One answer for unknown user and wrong password, so logins do not reveal which usernames exist. */
    static final String BAD_CREDENTIALS = "Invalid username or password";

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;

    AuthService(UserRepository users, PasswordEncoder passwords, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
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

    Mono<TokenResponse> login(LoginRequest request) {
        String username = normalize(request.username());
        if (request.password().getBytes(StandardCharsets.UTF_8).length > AuthDtos.PASSWORD_MAX_BYTES) {
            // no stored password is longer, and BCrypt would compare only the first 72 bytes: a wrong password
            return Mono.error(Problems.unauthorized(BAD_CREDENTIALS));
        }
        return Blocking.call(() -> users.findByUsername(username)
                .filter(user -> passwords.matches(request.password(), user.passwordHash()))
                .map(tokens::issue)
                .orElseThrow(() -> Problems.unauthorized(BAD_CREDENTIALS)));
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
