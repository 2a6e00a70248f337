package dev.socketeer.server.notifications;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.socketeer.server.auth.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The notifications routes' security. The SSE streams accept the token as {@code ?token=} too (a browser's
 * {@code EventSource} cannot send headers); the REST routes take it from the {@code Authorization} header
 * only, and creating a notification needs ADMIN. The SSE chain comes first: its paths are also under
 * {@code /api/v1/notifications/}.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsSecurity {

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER)
    SecurityWebFilterChain notificationEventsChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, pathMatchers(NotificationEventsController.SEED_PATH, NotificationEventsController.API_PATH),
                rules -> rules.anyExchange().authenticated(), true);
    }

    @Bean
    @Order(ApiSecurity.FEATURE_ORDER + 1)
    SecurityWebFilterChain notificationsChain(ServerHttpSecurity http, ApiSecurity api) {
        return api.chain(http, pathMatchers("/api/v1/notifications", "/api/v1/notifications/**"), rules -> rules
                .pathMatchers(HttpMethod.POST, "/api/v1/notifications").hasRole("ADMIN")
                .anyExchange().authenticated());
    }
}
