package dev.socketeer.engine.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the arrival order of one session's requests that come in on connections read by different event
 * loops, where the order matters (a close POST after a poll, a poll after the websocket's upgrade packet):
 * before the session's loop acts on such a request, every loop of its group (its own included) does one pass
 * of I/O that begins after this call. Whatever those loops had already received for the session (bytes that arrived in
 * the kernel before the request being ordered) is then read and handed to the session's loop ahead of the
 * continuation, so it is handled first, as on Node's single thread.
 *
 * <p>Each other loop gets a task that schedules the acknowledgement with no delay: a scheduled task runs in
 * the loop's next round of tasks, after its next I/O pass, so a loop that was busy running tasks when the
 * barrier arrived reads its sockets before it acknowledges. The last acknowledgement queues the continuation
 * on the session's loop, behind the hand-offs of those reads (each loop's tasks reach another loop in order).
 *
 * <p>Threading: {@link #afterOtherLoops} is called on the session's loop; the continuation runs there. Costs
 * one round trip through the other loops, only for the rare requests whose order matters.
 */
final class LoopBarrier {
    private LoopBarrier() {
    }

    /**
     * Runs {@code continuation} on {@code home} once every loop of its group, {@code home} included, has done an
     * I/O pass that began after this call. Called on {@code home}.
     */
    static void afterOtherLoops(EventLoop home, Runnable continuation) {
        EventLoopGroup group = home.parent();
        List<EventExecutor> others = new ArrayList<>();
        if (group != null) {
            for (EventExecutor loop : group) {
                if (loop != home && !loop.isShuttingDown()) {
                    others.add(loop);
                }
            }
        }
        if (others.isEmpty()) {
            continuation.run(); // one loop reads every connection in arrival order already
            return;
        }
        AtomicInteger remaining = new AtomicInteger(others.size() + 1);
        Runnable acknowledge = () -> {
            if (remaining.decrementAndGet() == 0) {
                home.execute(continuation);
            }
        };
        // home too: what it has received meanwhile (an upgrade packet on its own websocket) is read first
        home.schedule(acknowledge, 0, TimeUnit.NANOSECONDS);
        for (EventExecutor loop : others) {
            try {
                loop.execute(() -> loop.schedule(acknowledge, 0, TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                acknowledge.run(); // shutting down: nothing more will be read there
            }
        }
    }
}
