package dev.socketeer.server.donations;

import dev.socketeer.server.auth.ApiSecurity;
import dev.socketeer.server.auth.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may call {@code /api/v1/donations}: donors create, NGOs claim and report pickup and delivery, any user
 * with a token reads. A wrong role is a 403 problem, no token a 401. (That only the claiming NGO may change a
 * donation's status is the service's rule: it depends on the row.)
 */
@Configuration(proxyBeanMethods = false)
class DonationsSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain donationsSecurityChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, ServerWebExchangeMatchers.pathMatchers("/api/v1/donations/**", "/api/v1/donations"),
                rules -> rules
                        .pathMatchers(HttpMethod.POST, "/api/v1/donations").hasRole(Role.DONOR.name())
                        .pathMatchers(HttpMethod.POST, "/api/v1/donations/*/claim").hasRole(Role.NGO.name())
                        .pathMatchers(HttpMethod.PATCH, "/api/v1/donations/*/status").hasRole(Role.NGO.name())
                        .anyExchange().authenticated());
    }
}
