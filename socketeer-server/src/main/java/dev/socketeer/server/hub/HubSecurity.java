package dev.socketeer.server.hub;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.socketeer.server.auth.ApiKeyAuthentication;
import dev.socketeer.server.auth.ApiSecurity;
import dev.socketeer.server.auth.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The hub's HTTP triggers and monitoring ({@code /websocket/**}) reach every client, so they need an API key
 * ({@code X-API-Key}, server to server) or an ADMIN's token. A wrong key or no credentials: 401; a token
 * without ADMIN: 403. (The Socket.IO handshake is {@code /socket.io/}, not under this path.)
 */
@Configuration(proxyBeanMethods = false)
class HubSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain hubSecurityChain(ServerHttpSecurity http, ApiSecurity api, ApiKeyAuthentication apiKeys) {
        return api.chain(apiKeys.accept(http), pathMatchers("/websocket", "/websocket/**"),
                rules -> rules.anyExchange().hasAnyRole(Role.ADMIN.name(), ApiKeyAuthentication.ROLE));
    }
}
