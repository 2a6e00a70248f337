package dev.socketeer.engine.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server-driven heartbeat of one session: a PING every {@code pingInterval}, then
 * {@code pingTimeout} to get the PONG. One timer per session at any time. Confined to the session's
 * event loop.
 */
final class Heartbeat {
    private final EventLoop loop;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Runnable sendPing;
    private final Runnable onTimeout;
    private ScheduledFuture<?> timer;
    private boolean awaitingPong;

    Heartbeat(EventLoop loop, long intervalMillis, long timeoutMillis, Runnable sendPing, Runnable onTimeout) {
        this.loop = loop;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.sendPing = sendPing;
        this.onTimeout = onTimeout;
    }

    void start() {
        schedulePing();
    }

    /** A PONG arrived: the client is alive; the next PING goes out after {@code pingInterval}. */
    void onPong() {
        if (awaitingPong) {
            awaitingPong = false;
            cancelTimer();
            schedulePing();
        }
    }

    boolean awaitingPong() {
        return awaitingPong;
    }

    void stop() {
        cancelTimer();
        awaitingPong = false;
    }

    private void schedulePing() {
        timer = loop.schedule(this::ping, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        awaitingPong = true;
        sendPing.run();
        timer = loop.schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timeout() {
        timer = null;
        if (awaitingPong) {
            onTimeout.run();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
