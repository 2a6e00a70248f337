package dev.socketeer.server.common;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The typed errors a feature throws; {@link ApiExceptionHandler} writes them as RFC 9457 problem details.
 * Stateless.
 */
public final class Problems {

    private Problems() {}

    /** A problem with this status and an exact, client-safe {@code detail}. */
    public static ErrorResponseException of(HttpStatus status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return new ErrorResponseException(status, body, null);
    }

    public static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, detail);
    }

    public static ErrorResponseException conflict(String detail) {
        return of(HttpStatus.CONFLICT, detail);
    }

    public static ErrorResponseException unauthorized(String detail) {
        return of(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ErrorResponseException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, detail);
    }

    /** A bare problem detail (no exception), e.g. for filters that answer before any controller runs. */
    public static ProblemDetail detail(HttpStatus status, String detail, URI instance) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setInstance(instance);
        return body;
    }
}
