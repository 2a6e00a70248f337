package dev.socketeer.engine.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server-driven heartbeat of one session: a PING every {@code pingInterval}, then
 * {@code pingTimeout} to get the PONG. As in Node, the first other packet received while waiting for
 * the PONG restarts the timeout once, and every PONG restarts the interval. One timer per session at
 * any time. Confined to the session's event loop.
 */
final class Heartbeat {
    /**
     * What the heartbeat drives; implemented by the {@link Session} itself so a session's heartbeat holds
     * one reference instead of two callback objects.
     */
    interface Owner {
        /** Queues a PING to the client. */
        void heartbeatPing();

        /** The PONG did not come within {@code pingTimeout}: end the session. */
        void heartbeatTimeout();
    }

    private final EventLoop loop;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Owner owner;
    private ScheduledFuture<?> timer;
    private boolean stopped;
    private boolean awaitingPong;
    private boolean refreshed;

    Heartbeat(EventLoop loop, long intervalMillis, long timeoutMillis, Owner owner) {
        this.loop = loop;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.owner = owner;
    }

    /** With two separate callbacks (tests). */
    Heartbeat(EventLoop loop, long intervalMillis, long timeoutMillis, Runnable sendPing, Runnable onTimeout) {
        this(loop, intervalMillis, timeoutMillis, owner(sendPing, onTimeout));
    }

    private static Owner owner(Runnable sendPing, Runnable onTimeout) {
        return new Owner() {
            @Override
            public void heartbeatPing() {
                sendPing.run();
            }

            @Override
            public void heartbeatTimeout() {
                onTimeout.run();
            }
        };
    }

    void start() {
        schedulePing();
    }

    /**
     * A PONG arrived: the client is alive; the next PING goes out {@code pingInterval} from now (Node
     * refreshes its interval timer on every PONG, even an unsolicited one).
     */
    void onPong() {
        if (stopped) {
            return;
        }
        awaitingPong = false;
        cancelTimer();
        schedulePing();
    }

    /** Another packet arrived: while waiting for a PONG, the first one restarts the timeout (Node 6.6). */
    void onOtherPacket() {
        if (awaitingPong && !refreshed && !stopped) {
            refreshed = true;
            cancelTimer();
            timer = loop.schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits {@code pingTimeout} more for the PONG (the owner could not have read it); on the loop. */
    void extendTimeout() {
        if (awaitingPong && !stopped) {
            cancelTimer();
            timer = loop.schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    boolean awaitingPong() {
        return awaitingPong;
    }

    void stop() {
        stopped = true;
        cancelTimer();
        awaitingPong = false;
    }

    private void schedulePing() {
        timer = loop.schedule(this::ping, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        awaitingPong = true;
        refreshed = false;
        timer = null;
        owner.heartbeatPing();
        if (stopped) {
            return; // sending the PING closed the session (outbound cap)
        }
        timer = loop.schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timeout() {
        timer = null;
        if (awaitingPong) {
            owner.heartbeatTimeout();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
