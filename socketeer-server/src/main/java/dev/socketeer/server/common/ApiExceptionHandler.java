package dev.socketeer.server.common;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The one place REST errors become RFC 9457 problem details ({@code application/problem+json}).
 * Spring's own exceptions and {@link Problems} keep their status; invalid input (400) names every offending
 * field in {@code detail} and lists them under {@code errors}; anything unexpected is logged once and answered
 * with a bare 500. No stack trace ever reaches the client.
 */
@RestControllerAdvice
final class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** One invalid field: its name (as in the request) and why. */
    record FieldProblem(String field, String message) {}

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> errors = Stream.concat(
                        ex.getFieldErrors().stream().map(e -> new FieldProblem(e.getField(), message(e))),
                        ex.getGlobalErrors().stream().map(e -> new FieldProblem(e.getObjectName(), message(e))))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return invalid(ex, errors, headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> new FieldProblem(r.getMethodParameter().getParameterName(), message(e))))
                .toList();
        return invalid(ex, errors, headers, exchange);
    }

    /** Unreadable bodies: names the field when Jackson knows it ({@code "role": "KING"}), else says "malformed". */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        String field = jsonPath(ex);
        if (field != null) return invalid(ex, List.of(new FieldProblem(field, "has an invalid value")), headers, exchange);
        if (ex.getCause() instanceof JacksonException || ex.getCause() instanceof DecodingException) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Malformed JSON request body");
            return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, exchange);
        }
        return super.handleServerWebInputException(ex, headers, status, exchange);
    }

    /**
     * Unexpected failures: logged here (the single hook), answered without internals. A unique constraint that
     * a feature did not map itself (two requests creating the same thing at once) is a 409, not a 500.
     */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        if (causedBy(ex, DuplicateKeyException.class)) {
            log.warn("Duplicate key on {} {}, answered 409: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.getClass().getName());
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "The request conflicts with data that already exists");
            return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.CONFLICT, exchange);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    private Mono<ResponseEntity<Object>> invalid(Exception ex, List<FieldProblem> errors, HttpHeaders headers,
            ServerWebExchange exchange) {
        String fields = errors.stream()
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + fields);
        body.setTitle("Bad Request");
        body.setProperties(Map.of("errors", errors));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    /** The dotted JSON path of the value Jackson could not bind, or null. */
    private static String jsonPath(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
                return j.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
            }
        }
        return null;
    }

    private static String message(MessageSourceResolvable error) {
        if (error instanceof FieldError f && f.isBindingFailure()) return "has an invalid value";
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }
}
