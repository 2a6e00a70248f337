package dev.socketeer.spring.internal;

import dev.socketeer.core.Handshake;
import tools.jackson.databind.JsonNode;

/**
 * Finds the bearer token of a handshake: {@code auth.token}, then {@code Authorization: Bearer},
 * then the {@code token} query parameter. Stateless.
 */
final class HandshakeTokens {
    private static final String BEARER = "bearer ";

    private HandshakeTokens() {
    }

    /** The token, or null when the handshake carries none. */
    static String find(Handshake handshake) {
        JsonNode auth = handshake.auth();
        if (auth != null && auth.get("token") != null && auth.get("token").isString()
                && !auth.get("token").stringValue().isBlank()) {
            return auth.get("token").stringValue();
        }
        String header = handshake.header("authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && header.length() > BEARER.length()) {
            return header.substring(BEARER.length()).trim();
        }
        String query = handshake.query().get("token");
        return query == null || query.isBlank() ? null : query;
    }
}
