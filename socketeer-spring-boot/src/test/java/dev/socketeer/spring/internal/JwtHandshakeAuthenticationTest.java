package dev.socketeer.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The refusal reasons for what a real Nimbus decoder reports. */
class JwtHandshakeAuthenticationTest {
    private static final SecretKey KEY = key("server-key-0123456789-0123456789-abc");
    private final ReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(KEY).build();

    @Test
    void namesAnExpiredToken() throws Exception {
        assertThat(reasonFor(sign(KEY, Instant.now().minusSeconds(3600)))).isEqualTo("expired");
    }

    @Test
    void namesABadSignature() throws Exception {
        assertThat(reasonFor(sign(key("another-key-0123456789-0123456789-ab"), Instant.now().plusSeconds(60))))
                .isEqualTo("invalid signature");
    }

    @Test
    void namesAUserThatNoLongerExists() {
        // what a decoder that also checks the token's user reports (the reference server's does)
        ReactiveJwtDecoder checking = token -> reactor.core.publisher.Mono.error(new JwtValidationException(
                "unknown user: the user of this token no longer exists",
                List.of(new OAuth2Error("invalid_token", "unknown user", null))));
        Throwable error = checking.decode("any").map(jwt -> (Throwable) null)
                .onErrorResume(e -> reactor.core.publisher.Mono.just(e)).block();
        assertThat(JwtHandshakeAuthentication.reason(error)).isEqualTo("unknown user");
    }

    @Test
    void namesGarbage() {
        assertThat(reasonFor("not.a.jwt")).isEqualTo("invalid token");
    }

    private String reasonFor(String token) {
        Throwable error = decoder.decode(token).map(jwt -> (Throwable) null)
                .onErrorResume(e -> reactor.core.publisher.Mono.just(e)).block();
        assertThat(error).isNotNull();
        return JwtHandshakeAuthentication.reason(error);
    }

    private static String sign(SecretKey key, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static SecretKey key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
