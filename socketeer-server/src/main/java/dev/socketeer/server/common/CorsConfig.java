package dev.socketeer.server.common;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for the REST API, the notifications SSE stream of the seed ({@code /notifications/events}) and the event
 * hub's triggers and monitoring ({@code /websocket/**}, e.g. for an operators' console) from
 * {@link CorsProperties}; Spring Security's {@code cors()} picks this bean up. {@code Last-Event-ID} is allowed
 * because a reconnecting {@code EventSource} sends it, {@code X-API-Key} for the hub's server-to-server routes.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID", "X-API-Key"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/notifications/events", cors);
        source.registerCorsConfiguration("/websocket/**", cors);
        return source;
    }
}
