package dev.socketeer.spring.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.Socket;
import dev.socketeer.spring.SocketError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Turns a gateway method's outcome into what the client sees: the return value answers the ack
 * (waiting for a {@code Mono} or {@code CompletionStage} without blocking); a failure answers the ack
 * with {@code {"status":"error","message":...}} or, without an ack, emits it as an {@code exception}
 * event (NestJS's convention). Stateless; thread safe.
 */
final class Replies {
    static final String EXCEPTION_EVENT = "exception";
    static final String INTERNAL_ERROR = "Internal server error";
    private static final Logger log = LoggerFactory.getLogger(Replies.class);
    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono",
            Replies.class.getClassLoader());

    private Replies() {
    }

    /** Answers {@code ack} with {@code result} once it is available. */
    static void answer(Socket socket, Ack ack, Object result, String handler) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    fail(socket, ack, unwrap(error), handler);
                } else {
                    send(ack, value);
                }
            });
        } else if (REACTOR && MonoReplies.isMono(result)) {
            MonoReplies.answer(result, value -> send(ack, value), error -> fail(socket, ack, error, handler));
        } else {
            send(ack, result);
        }
    }

    private static void send(Ack ack, Object value) {
        if (value == null) {
            ack.send();
        } else {
            ack.send(value);
        }
    }

    /** Reports a failure of a handler to the client (ack or {@code exception} event). */
    static void fail(Socket socket, Ack ack, Throwable error, String handler) {
        String message = clientMessage(error, socket, handler);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        if (ack != null && ack.requested()) {
            ack.send(body);
        } else {
            socket.emit(EXCEPTION_EVENT, body);
        }
    }

    private static String clientMessage(Throwable error, Socket socket, String handler) {
        if (error instanceof InvalidPayload || error instanceof SocketError) {
            log.debug("{} of {} refused: {}", handler, socket, error.getMessage());
            return error.getMessage();
        }
        log.warn("{} of {} failed", handler, socket, error);
        return INTERNAL_ERROR;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** A payload that failed validation; its message goes to the client. */
    static final class InvalidPayload extends RuntimeException {
        InvalidPayload(String message) {
            super(message, null, false, false);
        }
    }
}
