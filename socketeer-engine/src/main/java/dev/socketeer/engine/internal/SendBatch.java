package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.spi.DeferredTask;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

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
    /**
     * Looked up once per send: a Netty fast thread local (an array slot on event loop and handler
     * threads) that is set to null rather than removed, so a lookup outside a batch stays a read.
     */
    private static final FastThreadLocal<SendBatch> CURRENT = new FastThreadLocal<>();

    /** Numbers batches for {@link #sendKey}; 0 is no batch. */
    private static final AtomicLong IDS = new AtomicLong();

    /** This batch's number (see {@link #sendKey}). */
    private final long id = IDS.incrementAndGet();
    /** The loops written to, with their pending sends: session, messages, session, messages, ... */
    private final List<EventLoop> loops = new ArrayList<>(2);
    private final List<List<Object>> sends = new ArrayList<>(2);

    private SendBatch() {
    }

    /** Runs {@code body}; sends it makes to sessions of other threads' loops leave when it returns (or throws). */
    public static void run(Runnable body) {
        if (CURRENT.getIfExists() != null) {
            body.run();
            return;
        }
        SendBatch batch = new SendBatch();
        CURRENT.set(batch);
        try {
            body.run();
        } finally {
            CURRENT.set(null);
            batch.handOver();
        }
    }

    private static final Object CLOSE = new Object();

    // --- delivery tracking (back-pressure of the layer above) ---------------------------------------

    /** What this thread handed to other loops while {@link #track} runs; null outside it. */
    private static final FastThreadLocal<Tracked> TRACKED = new FastThreadLocal<>();

    private static final class Tracked {
        final List<EventLoop> loops = new ArrayList<>(2);
        long sends;
    }

    /**
     * Runs {@code body}, passes {@code queued} the number of sends it made to sessions of other threads'
     * loops (directly or through a batch; on this thread, right after {@code body}), then passes
     * {@code delivered} the same number once all of them have been handed to their sessions: a marker
     * task queued behind them on each of those loops, so the sends leave exactly when they would
     * otherwise. {@code delivered} runs on the loop that runs the last marker, or on this thread when
     * there were no such sends (or inside another {@code track}, which does not nest).
     */
    public static void track(Runnable body, LongConsumer queued, LongConsumer delivered) {
        if (TRACKED.getIfExists() != null) {
            try {
                body.run();
            } finally {
                queued.accept(0);
                delivered.accept(0);
            }
            return;
        }
        Tracked t = new Tracked();
        TRACKED.set(t);
        try {
            body.run();
        } finally {
            TRACKED.set(null);
            long n = t.sends;
            queued.accept(n);
            afterQueued(t.loops, () -> delivered.accept(n));
        }
    }

    /** Notes that this thread queued one send (or close) for a session of {@code loop}. */
    static void handedTo(EventLoop loop) {
        Tracked t = TRACKED.getIfExists();
        if (t != null) {
            t.sends++;
            if (!t.loops.contains(loop)) {
                t.loops.add(loop);
            }
        }
    }

    private static void afterQueued(List<EventLoop> loops, Runnable delivered) {
        if (loops.isEmpty()) {
            delivered.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(loops.size());
        Runnable marker = () -> {
            if (left.decrementAndGet() == 0) {
                delivered.run();
            }
        };
        for (EventLoop loop : loops) {
            try {
                loop.execute(marker);
            } catch (RejectedExecutionException e) {
                marker.run(); // the loop is shutting down, and its sessions with it
            }
        }
    }

    /** Defers a close to the open batch of this thread, after the sends before it; false when there is none. */
    static boolean deferClose(Session session) {
        return defer(session, CLOSE);
    }

    /** Defers a send to the open batch of this thread; false when there is none. */
    static boolean defer(Session session, List<EngineMessage> messages) {
        return defer(session, (Object) messages);
    }

    private static boolean defer(Session session, Object what) {
        SendBatch batch = CURRENT.getIfExists();
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
        handedTo(loop);
        pending.add(session);
        pending.add(what);
        if (what != CLOSE) {
            session.queuedIn(sendKey(batch.id, pending.size() / 2 - 1));
        }
        return true;
    }

    private void handOver() {
        for (int i = 0; i < loops.size(); i++) {
            List<Object> pending = sends.get(i);
            loops.get(i).execute(() -> deliver(id, pending));
        }
    }

    /**
     * Names send {@code index} of a loop's part of batch {@code id}, for {@link Session#lastQueuedSend}:
     * the batch in the high bits, the index in the low 20. Indexes past a million wrap, and so may match
     * an earlier send of the same session in the same batch: that send's flush is early, never lost.
     */
    static long sendKey(long id, int index) {
        return id << 20 | (index & 0xFFFFF);
    }

    /**
     * Hands a batch's sends to their sessions, on their loop. A session's write is flushed at once
     * unless a later send, in this batch or in another one already queued or being filled on some
     * thread, is for the same session ({@link Session#lastQueuedSend} is not this one): then the later
     * write joins it in one system call, by the time that batch is delivered or the loop's batch of tasks
     * ends ({@link DeferredTask}), whichever comes first. In a broadcast layout of many rooms, batches queued
     * behind one another are mostly for other rooms' sockets, which gain nothing by waiting.
     */
    @SuppressWarnings("unchecked")
    private static void deliver(long id, List<Object> pending) {
        EarlyFlush.deliverFlushingEarly(pending.size() / 2,
                j -> ((Session) pending.get(2 * j)).lastQueuedSend() == sendKey(id, j), j -> {
            Session session = (Session) pending.get(2 * j);
            Object what = pending.get(2 * j + 1);
            if (what == CLOSE) {
                session.close();
            } else {
                session.doSend((List<EngineMessage>) what);
            }
        });
    }
}
