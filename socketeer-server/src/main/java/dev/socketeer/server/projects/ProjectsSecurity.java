package dev.socketeer.server.projects;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.socketeer.server.auth.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The projects routes' security: every route needs a valid token (401 problem otherwise). Membership, the
 * creator's and the ADMIN's rights depend on the row, so {@link ProjectService} checks them (404 for
 * non-members, 403 for a member who may not).
 */
@Configuration(proxyBeanMethods = false)
class ProjectsSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain projectsSecurityChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, pathMatchers("/api/v1/projects", "/api/v1/projects/**"),
                rules -> rules.anyExchange().authenticated());
    }
}
