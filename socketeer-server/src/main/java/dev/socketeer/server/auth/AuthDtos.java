package dev.socketeer.server.auth;

import dev.socketeer.server.common.MaxUtf8Bytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** The JSON bodies of {@code /api/v1/auth}. */
final class AuthDtos {

    /** BCrypt reads this many bytes of a password and ignores the rest. */
    static final int PASSWORD_MAX_BYTES = 72;

    private AuthDtos() {}

    /** {@code POST /register}; {@code role} defaults to USER and may not be ADMIN. */
    record RegisterRequest(
            @NotBlank @Size(min = 3, max = 50)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'")
            String username,
            @NotBlank @Size(min = 8) @MaxUtf8Bytes(PASSWORD_MAX_BYTES) String password,
            Role role) {}

    /**
     * {@code POST /login}. The sizes only bound what the server reads (no username is over 50 characters, no
     * password over 72 bytes); within them a password over 72 bytes is a wrong password (401).
     */
    record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 1024) String password) {}

    /** The answer to a successful login; {@code expiresIn} is in seconds. */
    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    /** A user as the API shows it (never the password hash). */
    record UserView(long id, String username, Set<Role> roles, Instant createdAt) {

        static UserView of(User user) {
            return new UserView(user.id(), user.username(), new TreeSet<>(user.roleSet()), user.createdAt());
        }
    }
}
