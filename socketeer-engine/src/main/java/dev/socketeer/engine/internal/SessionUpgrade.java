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
 * <p>Threading: confined to the session's event loop, like the session itself.
 */
final class SessionUpgrade {
    private final Session session;
    private WebSocketTransport transport;
    private boolean probed;
    private ScheduledFuture<?> timer;

    SessionUpgrade(Session session) {
        this.session = session;
    }

    boolean inProgress() {
        return transport != null;
    }

    /** Whether the websocket has answered the probe (polls are then answered with NOOP). */
    boolean probed() {
        return probed;
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
            probed = true;
            session.onUpgradeProbed();
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
        probed = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
