package dev.socketeer.spring.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.Middleware;
import dev.socketeer.core.Socket;
import dev.socketeer.core.protocol.PayloadMapper;
import dev.socketeer.spring.PayloadValidation;
import dev.socketeer.spring.SocketError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The handlers of one gateway bean, attached to each socket of its namespace. Immutable; thread
 * safe. Everything here runs on the handler executor (connection, event and disconnect listeners).
 */
final class GatewayBinding {
    private final List<HandlerMethod> beforeConnect;
    private final List<HandlerMethod> connect;
    private final List<HandlerMethod> disconnect;
    private final Map<String, HandlerMethod> events;
    private final PayloadValidation validation;
    private final PayloadMapper mapper;

    GatewayBinding(List<HandlerMethod> beforeConnect, List<HandlerMethod> connect, List<HandlerMethod> disconnect,
                   Map<String, HandlerMethod> events, PayloadValidation validation, PayloadMapper mapper) {
        this.beforeConnect = List.copyOf(beforeConnect);
        this.connect = List.copyOf(connect);
        this.disconnect = List.copyOf(disconnect);
        this.events = Map.copyOf(events);
        this.validation = validation;
        this.mapper = mapper;
    }

    /** The event handlers, by event name. */
    Map<String, HandlerMethod> events() {
        return events;
    }

    /** Whether the gateway has {@code @BeforeConnect} methods (and so a connection middleware). */
    boolean hasBeforeConnect() {
        return !beforeConnect.isEmpty();
    }

    /**
     * The {@code @BeforeConnect} methods as one connection middleware: all of them in order, then
     * {@code next.proceed()}; the first exception refuses the connection (a {@link SocketError} with its message).
     */
    void beforeConnect(Socket socket, Middleware.Next next) {
        for (HandlerMethod h : beforeConnect) {
            if (h.refusal(socket) != null) {
                continue; // @Authenticated, and this socket is anonymous
            }
            try {
                h.invoke(socket, null, null, Ack.NONE, null);
            } catch (SocketError e) {
                next.fail(e.getMessage());
                return;
            } catch (Throwable e) {
                org.slf4j.LoggerFactory.getLogger(GatewayBinding.class).warn("{} of {} failed", h.describe(), socket, e);
                next.fail(Replies.INTERNAL_ERROR);
                return;
            }
        }
        next.proceed();
    }

    /** Registers the event and disconnect handlers on a new socket, then calls the connect handlers. */
    void attach(Socket socket) {
        events.forEach((event, handler) -> on(socket, event, handler));
        if (!disconnect.isEmpty()) {
            socket.onDisconnect((reason, description) -> {
                for (HandlerMethod h : disconnect) {
                    if (h.refusal(socket) == null) {
                        call(socket, h, null, null, Ack.NONE, reason);
                    }
                }
            });
        }
        for (HandlerMethod h : connect) {
            if (h.refusal(socket) == null) {
                call(socket, h, null, null, Ack.NONE, null);
            }
        }
    }

    private void on(Socket socket, String event, HandlerMethod handler) {
        Class<?> type = handler.payloadType();
        // Converted here, not by the core, so a payload of the wrong shape is reported like a validation
        // failure: through the ack, or as an "exception" event when there is no ack. Access is checked first.
        socket.on(event, (args, ack) -> {
            dev.socketeer.spring.SocketError refused = handler.refusal(socket);
            if (refused != null) {
                Replies.fail(socket, ack, refused, handler.describe());
                return;
            }
            if (type == null) {
                handle(socket, handler, args, null, ack);
                return;
            }
            Object payload;
            try {
                payload = mapper.fromTree(args.isEmpty() ? NullNode.getInstance() : args.get(0), type);
            } catch (RuntimeException e) {
                Replies.fail(socket, ack, new Replies.InvalidPayload("Invalid payload: expected "
                        + type.getSimpleName()), handler.describe());
                return;
            }
            handle(socket, handler, args, payload, ack);
        });
    }

    private void handle(Socket socket, HandlerMethod handler, JsonNode args, Object payload, Ack ack) {
        if (handler.validated()) {
            String violations = validation.violations(payload);
            if (violations != null) {
                Replies.fail(socket, ack, new Replies.InvalidPayload(violations), handler.describe());
                return;
            }
        }
        Object result;
        try {
            result = handler.invoke(socket, args, payload, ack, null);
        } catch (Throwable e) {
            Replies.fail(socket, ack, e, handler.describe());
            return;
        }
        if (handler.returnsValue()) {
            Replies.answer(socket, ack, result, handler.describe());
        }
    }

    private static void call(Socket socket, HandlerMethod h, JsonNode args, Object payload, Ack ack,
                             dev.socketeer.core.DisconnectReason reason) {
        try {
            h.invoke(socket, args, payload, ack, reason);
        } catch (Throwable e) {
            if (socket.connected()) {
                Replies.fail(socket, null, e, h.describe());
            } else {
                org.slf4j.LoggerFactory.getLogger(GatewayBinding.class).warn("{} of {} failed", h.describe(), socket, e);
            }
        }
    }
}
