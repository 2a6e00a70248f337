package dev.socketeer.server.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socketeer.server.api-keys} ({@code SOCKETEER_SERVER_API_KEYS}, comma-separated): the keys that
 * server-to-server callers send as {@code X-API-Key}. Empty means "generate a development key" outside the
 * {@code prod} profile, and a refusal to start inside it ({@link ApiKeyCheck}).
 */
@ConfigurationProperties("socketeer.server")
record ApiKeyProperties(List<String> apiKeys) {

    /** The configured keys, trimmed, blanks dropped. */
    List<String> keys() {
        return apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
    }
}
