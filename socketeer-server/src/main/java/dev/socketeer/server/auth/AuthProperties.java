package dev.socketeer.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.auth.*}: how the users of tokens are checked.
 *
 * @param userCacheTtl how long the answer to "does this token's user still exist" is remembered; a deleted
 *                     user's tokens stop working within it ({@code 0s}: ask the database every time)
 */
@ConfigurationProperties("socketeer.server.auth")
record AuthProperties(@DefaultValue("10s") Duration userCacheTtl) {

    AuthProperties {
        if (userCacheTtl.isNegative()) {
            throw new IllegalArgumentException("socketeer.server.auth.user-cache-ttl must not be negative");
        }
    }
}
