package dev.socketeer.server.auth;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.stereotype.Component;

/**
 * How a feature declares the security of its own routes, next to its controller, instead of in one central
 * list: a {@code SecurityWebFilterChain} bean ordered {@link #FEATURE_ORDER}, built by {@link #chain} with
 * the feature's path matcher and rules. Every chain gets the same base: stateless bearer tokens (JWT, the
 * {@code roles} claim as {@code ROLE_*} authorities, by {@link JwtConfig}'s converter, which the Socket.IO
 * handshake uses too), no sessions, CSRF, forms or basic auth, CORS from the
 * application's policy, CORS preflights allowed, and RFC 9457 problem details for 401 and 403. Requests no
 * feature chain matches fall to {@link SecurityConfig}'s chain, which requires a token.
 *
 * <pre>{@code
 * @Bean @Order(ApiSecurity.FEATURE_ORDER)
 * SecurityWebFilterChain notificationsChain(ServerHttpSecurity http, ApiSecurity api) {   // in NotificationsSecurity
 *     return api.chain(http, pathMatchers("/api/v1/notifications/**"), rules -> rules
 *             .pathMatchers(HttpMethod.POST, "/api/v1/notifications").hasRole("ADMIN")
 *             .anyExchange().authenticated());
 * }
 * }</pre>
 *
 * <p>Name the bean method after the chain, not after its configuration class: a method
 * {@code notificationsSecurity} in class {@code NotificationsSecurity} is a second bean named
 * {@code notificationsSecurity}, and the context refuses to start.
 *
 * <p>Thread safe; used while the context starts.
 */
@Component
public final class ApiSecurity {

    /** The order of feature chains: before {@link SecurityConfig}'s fallback chain. */
    public static final int FEATURE_ORDER = 0;
    /** The order of the fallback chain. */
    static final int FALLBACK_ORDER = Ordered.LOWEST_PRECEDENCE;

    private final ProblemSecurityHandlers problems;
    private final ReactiveJwtAuthenticationConverterAdapter authentication;

    ApiSecurity(ProblemSecurityHandlers problems, JwtAuthenticationConverter jwtAuthenticationConverter) {
        this.problems = problems;
        this.authentication = new ReactiveJwtAuthenticationConverterAdapter(jwtAuthenticationConverter);
    }

    /** A chain for the requests {@code matcher} selects, authorized by {@code rules}; tokens from the header only. */
    public SecurityWebFilterChain chain(ServerHttpSecurity http, ServerWebExchangeMatcher matcher,
                                        Customizer<AuthorizeExchangeSpec> rules) {
        return chain(http, matcher, rules, false);
    }

    /**
     * A chain for the requests {@code matcher} selects, authorized by {@code rules}. With
     * {@code tokenQueryParameter}, a bearer token may also come as {@code ?token=} (for clients that cannot
     * set headers: a browser's {@code EventSource}); the {@code Authorization} header wins when both are sent.
     */
    public SecurityWebFilterChain chain(ServerHttpSecurity http, ServerWebExchangeMatcher matcher,
                                        Customizer<AuthorizeExchangeSpec> rules, boolean tokenQueryParameter) {
        return http
                .securityMatcher(matcher)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    rules.customize(exchanges);
                })
                .oauth2ResourceServer(oauth -> {
                    oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                            .authenticationEntryPoint(problems)
                            .accessDeniedHandler(problems);
                    if (tokenQueryParameter) {
                        oauth.bearerTokenConverter(new HeaderOrQueryBearerToken());
                    }
                })
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}
