package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthDtos.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues HS256 access tokens: {@code sub} = username, {@code uid} = user id, {@code roles} = role names,
 * {@code iss}/{@code iat}/{@code exp} from {@link JwtProperties}. Thread safe.
 */
@Component
final class TokenIssuer {

    static final String ROLES_CLAIM = "roles";
    static final String USER_ID_CLAIM = "uid";

    private final JwtEncoder encoder;
    private final JwtProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, JwtProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    TokenResponse issue(User user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim(USER_ID_CLAIM, user.id())
                .claim(ROLES_CLAIM, user.roleSet().stream().map(Role::name).sorted().toList())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new TokenResponse(token, "Bearer", properties.ttl().toSeconds());
    }

}
