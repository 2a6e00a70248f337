package dev.socketeer.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 15 bytes from a CSPRNG as 20 base64url characters. Thread safe. */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    /** A fresh, unguessable 20-character id. */
    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
