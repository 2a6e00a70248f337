package dev.socketeer.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The valid API keys. Keys are kept as SHA-256 digests and a presented key is compared with every one of
 * them in constant time ({@link MessageDigest#isEqual} on equal-length digests, no early exit), so neither
 * a key's content nor its length leaks through timing. Without configured keys a random development key is
 * generated and logged once at startup (the {@code prod} profile never gets here: {@link ApiKeyCheck}).
 *
 * <p>Immutable after construction; thread safe.
 */
@Component
final class ApiKeys {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    static final int GENERATED_BYTES = 32;

    private final List<byte[]> digests;

    ApiKeys(ApiKeyProperties properties) {
        List<String> keys = properties.keys();
        if (keys.isEmpty()) {
            String generated = generate();
            log.warn("""

                    ************************************************************************
                    * socketeer.server.api-keys is not set: using a generated development  *
                    * API key (X-API-Key), valid until this process ends. The prod profile *
                    * refuses to start without keys (SOCKETEER_SERVER_API_KEYS).           *
                    ************************************************************************
                    X-API-Key: {}""", generated);
            keys = List.of(generated);
        }
        this.digests = keys.stream().map(ApiKeys::digest).toList();
    }

    /** Whether {@code presented} is one of the keys; its time does not depend on which key or how much matched. */
    boolean valid(String presented) {
        byte[] candidate = digest(presented);
        boolean found = false;
        for (byte[] key : digests) {
            found |= MessageDigest.isEqual(key, candidate);
        }
        return found;
    }

    private static String generate() {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        return "dev-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
