package dev.socketeer.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.jwt.*}: how access tokens are signed (HMAC-SHA256) and checked.
 *
 * @param secret    the HMAC key, at least 32 bytes (UTF-8); blank means "generate one" outside the
 *                  {@code prod} profile, and a refusal to start inside it
 * @param issuer    the {@code iss} claim written and required
 * @param ttl       how long an access token lives
 * @param clockSkew tolerance when checking {@code exp}/{@code nbf}
 */
@ConfigurationProperties("socketeer.server.jwt")
record JwtProperties(String secret,
                     @DefaultValue("socketeer") String issuer,
                     @DefaultValue("1h") Duration ttl,
                     @DefaultValue("0s") Duration clockSkew) {}
