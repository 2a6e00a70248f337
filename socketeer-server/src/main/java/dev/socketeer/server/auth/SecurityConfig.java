package dev.socketeer.server.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The fallback security chain: requests no feature chain ({@link ApiSecurity}) matched. Public: register,
 * login, {@code /actuator/health}, {@code /actuator/prometheus} and {@code /socket.io/} (the Socket.IO
 * handshake does its own auth per namespace). Everything else needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    @Bean
    @Order(ApiSecurity.FALLBACK_ORDER)
    SecurityWebFilterChain fallbackSecurity(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, ServerWebExchangeMatchers.anyExchange(), exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login").permitAll()
                .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                .pathMatchers("/socket.io/**").permitAll()
                .anyExchange().authenticated());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
