package dev.socketeer.core.internal;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastAckCallback;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Collects the acknowledgements of one broadcast, Node's {@code checkCompleteness}: done when every
 * server reported its client count and every counted client answered, or failed at the timeout with
 * the responses so far. Thread safe; the callback runs once, on the handler executor.
 */
final class BroadcastAckCollector {
    private static final Logger log = LoggerFactory.getLogger(BroadcastAckCollector.class);

    private final BroadcastAckCallback callback;
    private final Executor executor;
    private final List<JsonNode> responses = new ArrayList<>();
    private int expectedServerCount = -1;
    private int actualServerCount;
    private int expectedClientCount;
    private boolean done;
    private ScheduledFuture<?> timer;

    BroadcastAckCollector(BroadcastAckCallback callback, Executor executor) {
        this.callback = callback;
        this.executor = executor;
    }

    synchronized void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
        if (done) {
            timer.cancel(false);
        }
    }

    synchronized void onClientCount(int count) {
        expectedClientCount += count;
        actualServerCount++;
        check();
    }

    synchronized void onResponse(JsonNode response) {
        if (!done) {
            responses.add(response);
            check();
        }
    }

    synchronized void onServerCount(int count) {
        expectedServerCount = count;
        check();
    }

    /** Returns whether this call timed the broadcast out (false if it had already completed). */
    boolean onTimeout() {
        List<JsonNode> sofar;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            sofar = List.copyOf(responses);
        }
        fire(new AckTimeoutException(sofar), sofar);
        return true;
    }

    private void check() {
        if (!done && expectedServerCount == actualServerCount && responses.size() == expectedClientCount) {
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            List<JsonNode> all = List.copyOf(responses);
            fire(null, all);
        }
    }

    private void fire(Throwable error, List<JsonNode> result) {
        executor.execute(() -> {
            try {
                callback.onAcks(error, result);
            } catch (RuntimeException | Error e) {
                log.warn("broadcast ack callback failed", e);
            }
        });
    }
}
