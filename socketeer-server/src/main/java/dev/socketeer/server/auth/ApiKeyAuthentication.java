package dev.socketeer.server.auth;

import dev.socketeer.server.common.ProblemResponseWriter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Server-to-server authentication with an {@value #HEADER} header, for the routes of features that serve
 * other servers (the event hub's triggers, customers, WhatsApp): {@link #accept} adds it to a feature's
 * chain, next to the bearer tokens every chain takes, and the feature's rules then allow
 * {@code hasAnyRole("ADMIN", ApiKeyAuthentication.ROLE)}. A valid key authenticates as {@value #ROLE}
 * (authority {@code ROLE_API_CLIENT}, no user); a wrong key is a 401 problem at once; no header leaves the
 * request to the bearer token (none: 401, a token without the role: 403).
 *
 * <pre>{@code
 * return api.chain(apiKeys.accept(http), pathMatchers("/websocket/**"),
 *         rules -> rules.anyExchange().hasAnyRole(Role.ADMIN.name(), ApiKeyAuthentication.ROLE));
 * }</pre>
 *
 * <p>Thread safe; {@link #accept} is used while the context starts.
 */
@Component
public final class ApiKeyAuthentication {

    /** The request header carrying the key. */
    public static final String HEADER = "X-API-Key";
    /** The role of a caller with a valid key (authority {@code ROLE_API_CLIENT}). */
    public static final String ROLE = "API_CLIENT";
    static final String INVALID = "The X-API-Key header does not hold a valid API key";

    private final ApiKeys keys;
    private final ProblemResponseWriter problems;

    ApiKeyAuthentication(ApiKeys keys, ProblemResponseWriter problems) {
        this.keys = keys;
        this.problems = problems;
    }

    /** {@code http} that also accepts {@value #HEADER}; pass it on to {@code ApiSecurity.chain}. */
    public ServerHttpSecurity accept(ServerHttpSecurity http) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager());
        filter.setServerAuthenticationConverter(exchange -> {
            String key = exchange.getRequest().getHeaders().getFirst(HEADER);
            return key == null ? Mono.empty() : Mono.just(new ApiKeyToken(key));
        });
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        filter.setAuthenticationFailureHandler((exchange, e) ->
                problems.write(exchange.getExchange(), HttpStatus.UNAUTHORIZED, INVALID));
        return http.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION);
    }

    private ReactiveAuthenticationManager manager() {
        return authentication -> {
            String presented = (String) authentication.getCredentials();
            return keys.valid(presented)
                    ? Mono.just(ApiKeyToken.authenticated())
                    : Mono.error(new BadCredentialsException(INVALID));
        };
    }

    /** An API key caller: presented (credentials = the key) or authenticated (no credentials kept). */
    private static final class ApiKeyToken extends AbstractAuthenticationToken {
        private final String key;

        private ApiKeyToken(String key) {
            super(List.of());
            this.key = key;
        }

        private ApiKeyToken() {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
            this.key = null;
            setAuthenticated(true);
        }

        static ApiKeyToken authenticated() {
            return new ApiKeyToken();
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return "api-key";
        }
    }
}
