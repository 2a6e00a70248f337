package dev.socketeer.server.whatsapp;

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
 * WhatsApp's routes: the webhook is public to Spring Security (Meta signs each delivery; the controller checks
 * the signature and the verify token), sending needs an ADMIN's token or an API key.
 */
@Configuration(proxyBeanMethods = false)
class WhatsAppSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain whatsappWebhookChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, pathMatchers(WhatsAppWebhookController.PATH), rules -> rules.anyExchange().permitAll());
    }

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain whatsappMessagesChain(ServerHttpSecurity http, ApiSecurity api, ApiKeyAuthentication apiKeys) {
        return api.chain(apiKeys.accept(http), pathMatchers("/api/v1/whatsapp", "/api/v1/whatsapp/**"),
                rules -> rules.anyExchange().hasAnyRole(Role.ADMIN.name(), ApiKeyAuthentication.ROLE));
    }
}
