package dev.socketeer.engine.internal;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The polling-to-websocket upgrade of one {@link Session} ({@code 2probe}, {@code 3probe}, {@code 5}).
 * Lifecycle: idle until a websocket {@link #begin begins} it; it then completes (the session switches
 * transport), is aborted (the websocket is closed, polling goes on) or times out after
 * {@code upgradeTimeout}; a session may try again afterwards.
 *
 * <p>Once the probe is answered, a check every {@value #CHECK_INTERVAL_MILLIS} ms answers a waiting poll
 * with a NOOP so that the client can pause polling and send {@code 5}; the first check comes
 * {@value #CHECK_INTERVAL_MILLIS} ms after the probe, not at once, as in Node's engine ({@code maybeUpgrade}).
 * Clients are tuned to that timing: answered at once, the official client with {@code retries} was seen
 * to send a packet emitted in its {@code connect} handler twice.
 *
 * <p>Threading: confined to the session's event loop, like the session itself.
 */
final class SessionUpgrade {
    static final long CHECK_INTERVAL_MILLIS = 100;

    private final Session session;
    private WebSocketTransport transport;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> check;

    SessionUpgrade(Session session) {
        this.session = session;
    }

    boolean inProgress() {
        return transport != null;
    }

    /** Whether the websocket's probe was answered: its upgrade packet may come at any moment. */
    boolean probed() {
        return transport != null && check != null;
    }

    void begin(WebSocketTransport ws) {
        if (transport != null || !(session.currentTransport() instanceof PollingTransport) || !session.isOpen()) {
            ws.close(); // a second websocket for the same sid, or one after the upgrade: refused
            return;
        }
        transport = ws;
        timer = session.eventLoop().schedule(this::abort,
                session.engine().options().upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onPacket(Transport from, EnginePacket p) {
        if (from != transport) {
            return;
        }
        if (p.type() == EnginePacketType.PING && "probe".equals(p.data())) {
            transport.send(List.of(EnginePacket.PONG_PROBE));
            if (check != null) {
                check.cancel(false);
            }
            check = session.eventLoop().scheduleAtFixedRate(session::onUpgradeCheck,
                    CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } else if (p.type() == EnginePacketType.UPGRADE && (session.isOpen() || session.isClosing())) {
            WebSocketTransport ws = transport;
            clear();
            session.completeUpgrade(ws);
        } else {
            abort(); // anything else during the upgrade: drop the websocket, keep polling
        }
    }

    void onInvalid(Transport from) {
        if (from == transport) {
            abort();
        }
    }

    void onTransportClosed(Transport from) {
        if (from == transport) {
            clear();
        }
    }

    void abort() {
        if (transport != null) {
            WebSocketTransport ws = transport;
            clear();
            ws.close();
        }
    }

    private void clear() {
        transport = null;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
