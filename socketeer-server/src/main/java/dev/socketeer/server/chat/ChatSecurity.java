package dev.socketeer.server.chat;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.socketeer.server.auth.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The conversations routes' security: every route needs a valid token (401 problem otherwise); who takes part
 * in a conversation depends on the row, so {@link ConversationService} checks it (404 for others).
 */
@Configuration(proxyBeanMethods = false)
class ChatSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain chatSecurityChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, pathMatchers("/api/v1/conversations", "/api/v1/conversations/**"),
                rules -> rules.anyExchange().authenticated());
    }
}
