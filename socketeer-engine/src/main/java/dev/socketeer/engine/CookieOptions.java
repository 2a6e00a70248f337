package dev.socketeer.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional session cookie set on the handshake response (Node's {@code cookie} option), used by
 * load balancers for sticky sessions. Immutable; safe to share across threads.
 *
 * @param name cookie name, {@code io} by default
 * @param path cookie path, {@code /} by default
 * @param httpOnly whether to mark it HttpOnly (default true)
 * @param sameSite the SameSite attribute ({@code Lax} by default), or {@code null} for none
 */
public record CookieOptions(String name, String path, boolean httpOnly, @Nullable String sameSite) {

    public static final CookieOptions DEFAULT = new CookieOptions("io", "/", true, "Lax");

    public CookieOptions {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
    }
}
