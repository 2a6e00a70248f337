package dev.socketeer.core.internal;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.RateLimitAction;
import dev.socketeer.core.ServerListener;
import dev.socketeer.core.Socket;
import java.util.List;

/** Tells several {@link ServerListener}s, in order. Immutable; thread safe. */
final class CompositeServerListener implements ServerListener {
    private final List<ServerListener> listeners;

    CompositeServerListener(List<ServerListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onConnect(Socket socket) {
        listeners.forEach(l -> l.onConnect(socket));
    }

    @Override
    public void onConnectError(Namespace namespace, String name, String message) {
        listeners.forEach(l -> l.onConnectError(namespace, name, message));
    }

    @Override
    public void onDisconnect(Socket socket, DisconnectReason reason) {
        listeners.forEach(l -> l.onDisconnect(socket, reason));
    }

    @Override
    public void onEventReceived(Socket socket, String event) {
        listeners.forEach(l -> l.onEventReceived(socket, event));
    }

    @Override
    public void onEventRateLimited(Socket socket, String event, RateLimitAction action) {
        listeners.forEach(l -> l.onEventRateLimited(socket, event, action));
    }

    @Override
    public void onEventSent(Socket socket, String event, boolean broadcast) {
        listeners.forEach(l -> l.onEventSent(socket, event, broadcast));
    }
}
