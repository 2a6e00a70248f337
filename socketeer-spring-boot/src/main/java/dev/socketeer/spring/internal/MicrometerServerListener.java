package dev.socketeer.spring.internal;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.ServerListener;
import dev.socketeer.core.Socket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records Socket.IO activity in Micrometer, tagged by namespace (event names are not tags, their
 * number is unbounded):
 * {@code socketeer.sockets.connected} (gauge), {@code socketeer.connects},
 * {@code socketeer.disconnects} (also tagged {@code reason}), {@code socketeer.connect.errors},
 * {@code socketeer.events.received}, {@code socketeer.events.sent} and
 * {@code socketeer.broadcast.recipients}.
 *
 * <p>Threading: thread safe; meters are cached per namespace.
 */
public final class MicrometerServerListener implements ServerListener {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

    public MicrometerServerListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onConnect(Socket socket) {
        String namespace = socket.namespace().name();
        gauges.computeIfAbsent(namespace, n -> {
            Gauge.builder("socketeer.sockets.connected", socket.namespace(), ns -> ns.sockets().size())
                    .description("Sockets connected to a namespace on this server")
                    .tag("namespace", n)
                    .register(registry);
            return Boolean.TRUE;
        });
        counter("socketeer.connects", namespace, null).increment();
    }

    @Override
    public void onConnectError(String namespace, String message) {
        counter("socketeer.connect.errors", namespace, null).increment();
    }

    @Override
    public void onDisconnect(Socket socket, DisconnectReason reason) {
        counter("socketeer.disconnects", socket.namespace().name(), reason.wireName()).increment();
    }

    @Override
    public void onEventReceived(Socket socket, String event) {
        counter("socketeer.events.received", socket.namespace().name(), null).increment();
    }

    @Override
    public void onEventSent(Socket socket, String event, boolean broadcast) {
        String namespace = socket.namespace().name();
        counter("socketeer.events.sent", namespace, null).increment();
        if (broadcast) {
            counter("socketeer.broadcast.recipients", namespace, null).increment();
        }
    }

    private Counter counter(String name, String namespace, String reason) {
        String key = name + '\0' + namespace + '\0' + reason;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).tag("namespace", namespace);
            if (reason != null) {
                b.tag("reason", reason);
            }
            return b.register(registry);
        });
    }
}
