package dev.socketeer.core.internal;

import dev.socketeer.core.AckCallback;
import dev.socketeer.core.AckTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The acknowledgements a socket waits for, by ack id, each with its optional timeout (Node's
 * {@code socket.acks}). Callbacks run on the client's serial executor. Thread safe.
 */
final class AckRegistry {
    private volatile Map<Integer, Pending> pending; // created by the first register: most sockets never wait for an ack
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor serial;
    private final BiConsumer<String, UserCode> runner;
    private final int max;

    /**
     * @param runner runs a callback as user code (catching and reporting its failure)
     * @param max the acknowledgements that may be waited for at once ({@code maxPendingAcks})
     */
    AckRegistry(ScheduledExecutorService scheduler, SerialExecutor serial, BiConsumer<String, UserCode> runner, int max) {
        this.scheduler = scheduler;
        this.serial = serial;
        this.runner = runner;
        this.max = max;
    }

    /**
     * Waits for the acknowledgement {@code id}; returns false, registering nothing, when {@code max} are already
     * waited for (concurrent registrations may pass it by their number).
     */
    boolean register(int id, AckCallback callback, Duration timeout) {
        Map<Integer, Pending> pending = pendingMap();
        if (pending.size() >= max) {
            return false;
        }
        Pending entry = new Pending(callback);
        pending.put(id, entry);
        if (timeout != null) {
            entry.timer = scheduler.schedule(() -> serial.execute(() -> {
                if (pending.remove(id, entry)) {
                    runner.accept("ack callback", () -> callback.onAck(new AckTimeoutException(List.of()), null));
                }
            }), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** An ACK arrived; call on the serial executor. Returns whether an ack was waiting for this id. */
    boolean complete(int id, JsonNode args) {
        Map<Integer, Pending> pending = this.pending;
        Pending entry = pending == null ? null : pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.cancelTimer();
        runner.accept("ack callback", () -> entry.callback.onAck(null, args));
        return true;
    }

    /** Forgets an ack without calling it (a broadcast ack that timed out). */
    void remove(int id) {
        Map<Integer, Pending> pending = this.pending;
        Pending entry = pending == null ? null : pending.remove(id);
        if (entry != null) {
            entry.cancelTimer();
        }
    }

    /** Fails every waiting ack; call on the serial executor. */
    void failAll(Throwable error) {
        Map<Integer, Pending> pending = this.pending;
        if (pending == null) {
            return;
        }
        for (Integer id : List.copyOf(pending.keySet())) {
            Pending entry = pending.remove(id);
            if (entry != null) {
                entry.cancelTimer();
                runner.accept("ack callback", () -> entry.callback.onAck(error, null));
            }
        }
    }

    int size() {
        Map<Integer, Pending> pending = this.pending;
        return pending == null ? 0 : pending.size();
    }

    private Map<Integer, Pending> pendingMap() {
        Map<Integer, Pending> map = pending;
        if (map == null) {
            synchronized (this) {
                map = pending;
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    pending = map;
                }
            }
        }
        return map;
    }

    private static final class Pending {
        final AckCallback callback;
        volatile ScheduledFuture<?> timer;

        Pending(AckCallback callback) {
            this.callback = callback;
        }

        void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
