package dev.socketeer.server.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** The JSON bodies of {@code /api/v1/auth}. */
final class AuthDtos {

    private AuthDtos() {}

    /** {@code POST /register}; {@code role} defaults to USER and may not be ADMIN. */
    record RegisterRequest(
            @NotBlank @Size(min = 3, max = 50)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'")
            String username,
            @NotBlank @Size(min = 8, max = 72) String password,
            Role role) {}

    /** {@code POST /login}. */
    record LoginRequest(@NotBlank String username, @NotBlank String password) {}

    /** The answer to a successful login; {@code expiresIn} is in seconds. */
    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    /** A user as the API shows it (never the password hash). */
    record UserView(long id, String username, Set<Role> roles, Instant createdAt) {

        static UserView of(User user) {
            return new UserView(user.id(), user.username(), new TreeSet<>(user.roleSet()), user.createdAt());
        }
    }
}
