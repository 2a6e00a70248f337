package dev.socketeer.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Hand-made tokens for refusal tests: expired, tampered, signed with another key. Stateless. */
public final class TestTokens {

    /** The signing secret the test contexts configure. */
    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

    private TestTokens() {}

    /** A well-formed HS256 token for {@code subject}, signed with {@code secret}, expiring at {@code exp}. */
    public static String sign(String secret, String subject, Instant exp) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("socketeer")
                .subject(subject)
                .issueTime(Date.from(exp.minusSeconds(3600)))
                .expirationTime(Date.from(exp))
                .claim("roles", List.of("USER"))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expired(String subject) {
        return sign(SECRET, subject, Instant.now().minusSeconds(60));
    }

    public static String wronglySigned(String subject) {
        return sign("another-secret-another-secret-another-secret-42", subject, Instant.now().plusSeconds(600));
    }

    /** {@code token} with its payload rewritten ({@code sub} changed), signature kept. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        Base64.Decoder dec = Base64.getUrlDecoder();
        String payload = new String(dec.decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"mallory\"");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }
}
