package dev.socketeer.core.internal;

import dev.socketeer.core.AnyListener;
import dev.socketeer.core.DisconnectListener;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.PacketMiddleware;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners and packet middleware registered on one socket. Thread safe: copy-on-write lists,
 * so dispatch iterates a snapshot while listeners are added from any thread.
 */
final class SocketListeners {
    final Map<String, List<EventListener>> events = new ConcurrentHashMap<>();
    final List<AnyListener> any = new CopyOnWriteArrayList<>();
    final List<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();
    final List<PacketMiddleware> middlewares = new CopyOnWriteArrayList<>();
    final List<DisconnectListener> disconnecting = new CopyOnWriteArrayList<>();
    final List<DisconnectListener> disconnect = new CopyOnWriteArrayList<>();
    final List<Consumer<Throwable>> errors = new CopyOnWriteArrayList<>();

    void on(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        events.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void off(String event, EventListener listener) {
        List<EventListener> list = events.get(event);
        if (list != null) {
            list.remove(listener);
        }
    }

    List<EventListener> listeners(String event) {
        return events.getOrDefault(event, List.of());
    }

    static <T> void prepend(List<T> list, T listener) {
        list.add(0, Objects.requireNonNull(listener, "listener"));
    }

    static <T> void append(List<T> list, T listener) {
        list.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes one listener, or all of them when {@code listener} is null (Node's {@code offAny()}). */
    static <T> void remove(List<T> list, T listener) {
        if (listener == null) {
            list.clear();
        } else {
            list.remove(listener);
        }
    }
}
