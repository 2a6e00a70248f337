package dev.socketeer.core.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.AnyListener;
import dev.socketeer.core.DisconnectListener;
import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.PacketMiddleware;
import dev.socketeer.core.TypedEventListener;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Dispatches a socket's events to its listeners, Node's {@code onevent}/{@code dispatch}: catch-all
 * listeners first, then the packet middleware, then the event's listeners. Incoming dispatch runs on
 * the client's serial executor; outgoing notifications are queued there.
 */
final class SocketEvents {
    private final RealSocket socket;
    private final SocketListeners listeners;

    SocketEvents(RealSocket socket, SocketListeners listeners) {
        this.socket = socket;
        this.listeners = listeners;
    }

    /** An EVENT from the client: {@code payload} is {@code [event, ...args]}. */
    void onEvent(JsonNode payload, Ack ack) {
        if (payload == null || !payload.isArray() || payload.size() == 0
                || !(payload.get(0).isString() || payload.get(0).isNumber())) {
            return; // the decoder rejects these; defensive only
        }
        String event = payload.get(0).asString(); // a number names the event by its text, as in Node
        JsonNode args = EventPayloads.argsOf(payload);
        socket.runtime().notify("event received", l -> l.onEventReceived(socket, event));
        for (AnyListener listener : listeners.any()) {
            socket.runUserCode("catch-all listener", () -> listener.onEvent(event, args));
        }
        List<PacketMiddleware> middlewares = listeners.middlewares();
        if (middlewares.isEmpty()) {
            dispatch(event, args, ack);
            return;
        }
        MiddlewareChain.packet(middlewares, payload, socket.serial(), error -> {
            if (error != null) {
                socket.emitError(error);
            } else {
                dispatch(event, args, ack);
            }
        }).start();
    }

    private void dispatch(String event, JsonNode args, Ack ack) {
        if (!socket.connected()) {
            return; // Node ignores packets received after disconnection
        }
        for (EventListener listener : listeners.listeners(event)) {
            socket.runUserCode("listener of \"" + event + "\"", () -> listener.onEvent(args, ack));
        }
    }

    /** Wraps a typed listener: converts the first argument, answering a conversion failure through the ack. */
    <T> EventListener typed(Class<T> type, TypedEventListener<T> listener) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(listener, "listener");
        return (args, ack) -> {
            JsonNode first = args.size() > 0 ? args.get(0) : NullNode.getInstance();
            T payload;
            try {
                payload = socket.payloads().mapper().fromTree(first, type);
            } catch (JacksonException | IllegalArgumentException e) {
                if (ack.requested()) {
                    ack.send(JsonNodeFactory.instance.objectNode()
                            .put("status", "error")
                            .put("message", "Invalid payload: " + (e instanceof JacksonException je
                                    ? je.getOriginalMessage() : e.getMessage())));
                }
                socket.logUserError("payload conversion to " + type.getSimpleName(), e);
                socket.emitError(e);
                return;
            }
            listener.onEvent(payload, ack);
        };
    }

    /** Tells the outgoing catch-all listeners, on the serial executor. */
    void notifyOutgoing(JsonNode payload) {
        if (listeners.anyOutgoing().isEmpty() || payload == null || payload.size() == 0) {
            return;
        }
        String event = payload.get(0).asString();
        JsonNode args = EventPayloads.argsOf(payload);
        socket.serial().execute(() -> {
            for (AnyListener listener : listeners.anyOutgoing()) {
                socket.runUserCode("outgoing catch-all listener", () -> listener.onEvent(event, args));
            }
        });
    }

    void notifyDisconnect(List<DisconnectListener> targets, DisconnectReason reason, String description) {
        for (DisconnectListener listener : targets) {
            socket.runUserCode("disconnect listener", () -> listener.onDisconnect(reason, description));
        }
    }
}
