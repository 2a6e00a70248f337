package dev.socketeer.core.internal;

import dev.socketeer.core.AnyListener;
import dev.socketeer.core.DisconnectListener;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.PacketMiddleware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The listeners and packet middleware registered on one socket.
 *
 * <p>Thread safe, copy-on-write: every list (and the event map) is immutable and replaced whole under this
 * object's lock, so dispatch iterates a snapshot while listeners are added from any thread. Until something
 * is registered a list is the shared {@code List.of()}: an idle socket holds no per-list objects.
 */
final class SocketListeners {
    private volatile Map<String, List<EventListener>> events = Map.of();
    private volatile List<AnyListener> any = List.of();
    private volatile List<AnyListener> anyOutgoing = List.of();
    private volatile List<PacketMiddleware> middlewares = List.of();
    private volatile List<DisconnectListener> disconnecting = List.of();
    private volatile List<DisconnectListener> disconnect = List.of();
    private volatile List<Consumer<Throwable>> errors = List.of();

    synchronized void on(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        Map<String, List<EventListener>> copy = new HashMap<>(events);
        copy.put(event, with(copy.getOrDefault(event, List.of()), listener, false));
        events = Map.copyOf(copy);
    }

    synchronized void off(String event, EventListener listener) {
        List<EventListener> list = events.get(event);
        if (list != null && list.contains(listener)) {
            Map<String, List<EventListener>> copy = new HashMap<>(events);
            List<EventListener> rest = without(list, listener);
            if (rest.isEmpty()) {
                copy.remove(event);
            } else {
                copy.put(event, rest);
            }
            events = Map.copyOf(copy);
        }
    }

    List<EventListener> listeners(String event) {
        return events.getOrDefault(event, List.of());
    }

    List<AnyListener> any() {
        return any;
    }

    synchronized void addAny(AnyListener listener, boolean first) {
        any = with(any, listener, first);
    }

    synchronized void removeAny(AnyListener listener) {
        any = without(any, listener);
    }

    List<AnyListener> anyOutgoing() {
        return anyOutgoing;
    }

    synchronized void addAnyOutgoing(AnyListener listener, boolean first) {
        anyOutgoing = with(anyOutgoing, listener, first);
    }

    synchronized void removeAnyOutgoing(AnyListener listener) {
        anyOutgoing = without(anyOutgoing, listener);
    }

    List<PacketMiddleware> middlewares() {
        return middlewares;
    }

    synchronized void addMiddleware(PacketMiddleware middleware) {
        middlewares = with(middlewares, middleware, false);
    }

    List<DisconnectListener> disconnecting() {
        return disconnecting;
    }

    synchronized void addDisconnecting(DisconnectListener listener) {
        disconnecting = with(disconnecting, listener, false);
    }

    List<DisconnectListener> disconnect() {
        return disconnect;
    }

    synchronized void addDisconnect(DisconnectListener listener) {
        disconnect = with(disconnect, listener, false);
    }

    List<Consumer<Throwable>> errors() {
        return errors;
    }

    synchronized void addError(Consumer<Throwable> listener) {
        errors = with(errors, listener, false);
    }

    /** A copy of {@code list} with {@code item} first or last. */
    private static <T> List<T> with(List<T> list, T item, boolean first) {
        Objects.requireNonNull(item, "listener");
        List<T> copy = new ArrayList<>(list.size() + 1);
        if (first) {
            copy.add(item);
        }
        copy.addAll(list);
        if (!first) {
            copy.add(item);
        }
        return List.copyOf(copy);
    }

    /** A copy of {@code list} without the first occurrence of {@code item}, or empty when {@code item} is null (Node's {@code offAny()}). */
    private static <T> List<T> without(List<T> list, T item) {
        if (item == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list);
        copy.remove(item);
        return List.copyOf(copy);
    }
}
