package dev.socketeer.server.auth;

import dev.socketeer.server.common.ProblemResponseWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's 401 and 403 answers as problem details, with the RFC 6750 {@code WWW-Authenticate}
 * header. The decoder's reason (expired, bad signature...) stays in the server log, not in the response.
 */
@Component
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemResponseWriter writer;

    ProblemSecurityHandlers(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean badToken = ex instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = badToken
                ? "The bearer token is invalid, expired or not signed by this server"
                : "Authentication required: send an Authorization: Bearer <token> header";
        return writer.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return writer.write(exchange, HttpStatus.FORBIDDEN, "Your roles do not allow this request");
    }
}
