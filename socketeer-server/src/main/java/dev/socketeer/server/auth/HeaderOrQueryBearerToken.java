package dev.socketeer.server.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token from {@code Authorization: Bearer}, else from a {@code token} query parameter (the name
 * the Socket.IO handshake accepts too). Stateless; thread safe.
 */
final class HeaderOrQueryBearerToken implements ServerAuthenticationConverter {
    static final String PARAMETER = "token";
    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return header.convert(exchange).switchIfEmpty(Mono.defer(() -> {
            String token = exchange.getRequest().getQueryParams().getFirst(PARAMETER);
            return token == null || token.isBlank() ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
        }));
    }
}
