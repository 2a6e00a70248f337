package dev.socketeer.core.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids like Node's {@code base64id}: 15 CSPRNG bytes as 20 URL-safe base64 characters. Thread safe. */
final class SocketIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SocketIds() {
    }

    static String generate() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
