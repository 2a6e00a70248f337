package dev.socketeer.server.common;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail straight to the response, for code that answers before any controller runs
 * (security filters). Same JSON shape as {@link ApiExceptionHandler}'s ({@code type} omitted, meaning
 * {@code about:blank}). Thread safe.
 */
@Component
public final class ProblemResponseWriter {

    private final JsonMapper json;

    ProblemResponseWriter(JsonMapper json) {
        this.json = json;
    }

    /** Completes the response with {@code status} and a problem body whose {@code detail} is {@code detail}. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) return Mono.empty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
