package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends collected on one thread while a batch is open and handed to each event loop in one task when it
 * closes, instead of one task per send: a broadcast to 1,000 sockets of one loop queues one task. Sends
 * made on a session's own loop are not deferred. Per-session order is kept: a thread's sends (and
 * closes) of one session stay in order inside the batch, and the batch is handed over before the thread
 * goes on after it.
 *
 * <p>Threading: a batch belongs to the thread that opened it (a thread local); nested batches join
 * the outer one.
 */
public final class SendBatch {
    private static final ThreadLocal<SendBatch> CURRENT = new ThreadLocal<>();

    /** The loops written to, with their pending sends: session, messages, session, messages, ... */
    private final List<EventLoop> loops = new ArrayList<>(2);
    private final List<List<Object>> sends = new ArrayList<>(2);

    private SendBatch() {
    }

    /** Runs {@code body}; sends it makes to sessions of other threads' loops leave when it returns (or throws). */
    public static void run(Runnable body) {
        if (CURRENT.get() != null) {
            body.run();
            return;
        }
        SendBatch batch = new SendBatch();
        CURRENT.set(batch);
        try {
            body.run();
        } finally {
            CURRENT.remove();
            batch.handOver();
        }
    }

    private static final Object CLOSE = new Object();

    /** Defers a close to the open batch of this thread, after the sends before it; false when there is none. */
    static boolean deferClose(Session session) {
        return defer(session, CLOSE);
    }

    /** Defers a send to the open batch of this thread; false when there is none. */
    static boolean defer(Session session, List<EngineMessage> messages) {
        return defer(session, (Object) messages);
    }

    private static boolean defer(Session session, Object what) {
        SendBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        EventLoop loop = session.eventLoop();
        List<Object> pending = null;
        for (int i = 0; i < batch.loops.size(); i++) {
            if (batch.loops.get(i) == loop) {
                pending = batch.sends.get(i);
                break;
            }
        }
        if (pending == null) {
            pending = new ArrayList<>();
            batch.loops.add(loop);
            batch.sends.add(pending);
        }
        pending.add(session);
        pending.add(what);
        return true;
    }

    private void handOver() {
        for (int i = 0; i < loops.size(); i++) {
            List<Object> pending = sends.get(i);
            loops.get(i).execute(() -> deliver(pending));
        }
    }

    @SuppressWarnings("unchecked")
    private static void deliver(List<Object> pending) {
        for (int i = 0; i < pending.size(); i += 2) {
            Session session = (Session) pending.get(i);
            Object what = pending.get(i + 1);
            if (what == CLOSE) {
                session.close();
            } else {
                session.doSend((List<EngineMessage>) what);
            }
        }
    }
}
