package dev.socketeer.spring.internal;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.ParentNamespace;
import dev.socketeer.core.RateLimitAction;
import dev.socketeer.core.ServerListener;
import dev.socketeer.core.Socket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Records Socket.IO activity in Micrometer, tagged by namespace:
 * {@code socketeer.sockets.connected} (gauge), {@code socketeer.connects},
 * {@code socketeer.disconnects} (also tagged {@code reason}, a closed vocabulary), {@code socketeer.connect.errors},
 * {@code socketeer.events.received}, {@code socketeer.events.sent},
 * {@code socketeer.broadcast.recipients} and {@code socketeer.events.rate-limited} (also tagged {@code action}:
 * {@code drop}, {@code error-ack} or {@code disconnect}).
 *
 * <p>No tag comes from a client: event names are not tags (their number is unbounded); a child of a dynamic
 * namespace, whose name the client chose, is tagged with its parent's {@link ParentNamespace#name()} (the
 * pattern, or {@code /_0}...); a refused CONNECT to a namespace that does not exist is tagged
 * {@value #UNKNOWN_NAMESPACE}. The series are as many as the namespaces the application declares.
 *
 * <p>Threading: thread safe; meters are cached per tag.
 */
public final class MicrometerServerListener implements ServerListener {
    /** The namespace tag of refused CONNECTs to namespaces that do not exist. */
    public static final String UNKNOWN_NAMESPACE = "(unknown)";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

    public MicrometerServerListener(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The tag of a namespace: its name when the application named it, else its parent's name. */
    static String tag(Namespace namespace) {
        ParentNamespace parent = namespace.parent();
        return parent != null ? parent.name() : namespace.name();
    }

    @Override
    public void onConnect(Socket socket) {
        Namespace namespace = socket.namespace();
        String tag = tag(namespace);
        gauges.computeIfAbsent(tag, t -> {
            ParentNamespace parent = namespace.parent();
            Gauge.Builder<?> gauge = parent != null
                    ? Gauge.builder("socketeer.sockets.connected", parent,
                            p -> p.children().stream().mapToInt(child -> child.sockets().size()).sum())
                    : Gauge.builder("socketeer.sockets.connected", namespace, ns -> ns.sockets().size());
            gauge.description("Sockets connected to a namespace on this server").tag("namespace", t).register(registry);
            return Boolean.TRUE;
        });
        counter("socketeer.connects", tag, null).increment();
    }

    @Override
    public void onConnectError(@Nullable Namespace namespace, String name, String message) {
        counter("socketeer.connect.errors", namespace == null ? UNKNOWN_NAMESPACE : tag(namespace), null).increment();
    }

    @Override
    public void onDisconnect(Socket socket, DisconnectReason reason) {
        counter("socketeer.disconnects", tag(socket.namespace()), reason.wireName()).increment();
    }

    @Override
    public void onEventReceived(Socket socket, String event) {
        counter("socketeer.events.received", tag(socket.namespace()), null).increment();
    }

    @Override
    public void onEventRateLimited(Socket socket, String event, RateLimitAction action) {
        counter("socketeer.events.rate-limited", tag(socket.namespace()), null, action.name().toLowerCase(Locale.ROOT)
                .replace('_', '-')).increment();
    }

    @Override
    public void onEventSent(Socket socket, String event, boolean broadcast) {
        String tag = tag(socket.namespace());
        counter("socketeer.events.sent", tag, null).increment();
        if (broadcast) {
            counter("socketeer.broadcast.recipients", tag, null).increment();
        }
    }

    private Counter counter(String name, String namespace, String reason) {
        return counter(name, namespace, reason, null);
    }

    private Counter counter(String name, String namespace, String reason, String action) {
        String key = name + '\0' + namespace + '\0' + reason + '\0' + action;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).tag("namespace", namespace);
            if (reason != null) {
                b.tag("reason", reason);
            }
            if (action != null) {
                b.tag("action", action);
            }
            return b.register(registry);
        });
    }
}
