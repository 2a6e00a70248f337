package dev.socketeer.core.internal;

import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.Socket;
import dev.socketeer.core.adapter.Session;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Connects a client to a namespace, Node's {@code nsp._add}: restores a recoverable session, runs the
 * connection middleware (skipped for a recovered socket when configured), then answers CONNECT and
 * tells the connection listeners, or answers CONNECT_ERROR.
 *
 * <p>Threading: runs on the connecting client's serial executor.
 */
final class NamespaceConnector {
    private static final Logger log = LoggerFactory.getLogger(NamespaceConnector.class);

    private final RealNamespace namespace;

    NamespaceConnector(RealNamespace namespace) {
        this.namespace = namespace;
    }

    /** Connects; then calls {@code onConnected}, or {@code onRefused} when the socket does not connect. */
    void add(Client client, JsonNode auth, Consumer<RealSocket> onConnected, Runnable onRefused) {
        ConnectionStateRecoveryOptions recovery = namespace.runtime().recovery();
        JsonNode pid = auth == null ? null : auth.get("pid");
        JsonNode offset = auth == null ? null : auth.get("offset");
        if (recovery == null || pid == null || !pid.isString() || offset == null || !offset.isString()) {
            proceed(client, auth, null, onConnected, onRefused);
            return;
        }
        CompletableFuture<Session> restored;
        try {
            restored = namespace.adapter().restoreSession(pid.stringValue(), offset.stringValue());
        } catch (RuntimeException e) {
            log.debug("error while restoring session", e);
            restored = CompletableFuture.completedFuture(null);
        }
        if (restored.isDone()) {
            proceed(client, auth, restored.exceptionally(e -> null).join(), onConnected, onRefused);
        } else {
            restored.whenComplete((session, error) ->
                    client.serial().execute(() -> proceed(client, auth, error == null ? session : null, onConnected,
                            onRefused)));
        }
    }

    private void proceed(Client client, JsonNode auth, Session session, Consumer<RealSocket> onConnected,
                         Runnable onRefused) {
        if (!client.isOpen()) {
            onRefused.run();
            return;
        }
        RealSocket socket = new RealSocket(namespace, client, auth, session);
        ConnectionStateRecoveryOptions recovery = namespace.runtime().recovery();
        if (recovery != null && recovery.skipMiddlewares() && socket.recovered()) {
            connect(socket, onConnected);
            return;
        }
        MiddlewareChain.connect(namespace.middlewares(), socket, client.serial(), refusal -> {
            if (!client.isOpen()) {
                socket.lifecycle().cleanup();
                onRefused.run();
            } else if (refusal != null) {
                socket.lifecycle().cleanup();
                socket.lifecycle().sendConnectError(refusal);
                onRefused.run();
            } else {
                connect(socket, onConnected);
            }
        }).start();
    }

    private void connect(RealSocket socket, Consumer<RealSocket> onConnected) {
        namespace.connected(socket);
        socket.lifecycle().onConnect();
        onConnected.accept(socket);
        namespace.runtime().notify("connect", l -> l.onConnect(socket));
        for (Consumer<Socket> listener : namespace.connectionListeners()) {
            socket.runUserCode("connection listener", () -> listener.accept(socket));
        }
    }
}
