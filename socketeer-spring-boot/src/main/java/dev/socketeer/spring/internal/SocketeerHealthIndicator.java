package dev.socketeer.spring.internal;

import dev.socketeer.core.SocketIoServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code socketeer} health contribution: UP with the number of Engine.IO clients while the server
 * runs, DOWN otherwise. Thread safe.
 */
public final class SocketeerHealthIndicator implements HealthIndicator {
    private final SocketIoServer server;
    private final ServerLifecycle lifecycle;

    public SocketeerHealthIndicator(SocketIoServer server, ServerLifecycle lifecycle) {
        this.server = server;
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        Health.Builder b = lifecycle.isRunning() ? Health.up() : Health.down();
        return b.withDetail("clients", server.engine().clientsCount())
                .withDetail("mode", lifecycle.dedicated() ? "dedicated port" : "web server mount")
                .withDetail("path", server.engine().options().path())
                .build();
    }
}
