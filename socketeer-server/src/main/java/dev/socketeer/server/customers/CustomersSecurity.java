package dev.socketeer.server.customers;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.socketeer.server.auth.ApiKeyAuthentication;
import dev.socketeer.server.auth.ApiSecurity;
import dev.socketeer.server.auth.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Customers are the operators' data: every route needs an ADMIN's token or an API key ({@code X-API-Key}). */
@Configuration(proxyBeanMethods = false)
class CustomersSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain customersSecurityChain(ServerHttpSecurity http, ApiSecurity api, ApiKeyAuthentication apiKeys) {
        return api.chain(apiKeys.accept(http), pathMatchers("/api/v1/customers", "/api/v1/customers/**"),
                rules -> rules.anyExchange().hasAnyRole(Role.ADMIN.name(), ApiKeyAuthentication.ROLE));
    }
}
