package dev.socketeer.server.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socketeer.server.admin.*} ({@code SOCKETEER_SERVER_ADMIN_USERNAME},
 * {@code SOCKETEER_SERVER_ADMIN_PASSWORD}): the first administrator, created at startup when both are set.
 * There is no default: without them no administrator exists until one is configured.
 */
@ConfigurationProperties("socketeer.server.admin")
record AdminProperties(String username, String password) {

    boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isEmpty();
    }
}
