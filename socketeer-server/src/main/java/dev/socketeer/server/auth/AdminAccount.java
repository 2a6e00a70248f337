package dev.socketeer.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator at startup from {@link AdminProperties}, since ADMIN cannot be chosen at
 * registration. An account that already exists under that name is left alone (its password and roles are
 * not touched), so restarts and several nodes starting at once are harmless. A configured password that
 * or name registration would refuse (a password under 8 characters or over 72 bytes) stops the startup with the reason.
 */
@Component
final class AdminAccount implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AdminProperties admin;
    private final UserRepository users;
    private final PasswordEncoder passwords;

    AdminAccount(AdminProperties admin, UserRepository users, PasswordEncoder passwords) {
        this.admin = admin;
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.configured()) {
            log.info("No administrator configured (socketeer.server.admin.username and .password)");
            return;
        }
        String username = admin.username().trim().toLowerCase(Locale.ROOT);
        if (!username.matches("[a-z0-9._-]{3,50}")) {
            throw new IllegalStateException("socketeer.server.admin.username must be 3 to 50 of letters, digits, '.', '_' and '-'");
        }
        if (users.existsByUsername(username)) {
            log.info("Administrator '{}' exists; left as it is", username);
            return;
        }
        int bytes = admin.password().getBytes(StandardCharsets.UTF_8).length;
        if (admin.password().length() < 8 || bytes > AuthDtos.PASSWORD_MAX_BYTES) {
            throw new IllegalStateException("socketeer.server.admin.password must be 8 characters to 72 bytes long");
        }
        try {
            users.save(User.create(username, passwords.encode(admin.password()), Role.ADMIN,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            log.info("Administrator '{}' created", username);
        } catch (RuntimeException e) {
            if (!DuplicateUsername.isRace(e) || !users.existsByUsername(username)) {
                throw e;
            }
            log.info("Administrator '{}' was created by another node; left as it is", username);
        }
    }
}
