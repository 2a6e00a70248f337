package dev.socketeer.core.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Hands the packets an event loop decoded in one round of reads to the clients' executors at the end of
 * that round, one task per client, instead of one task per packet as each is read. The handler threads
 * are then woken once the loop has read everything that was waiting, and find a batch of work; on a busy
 * core that is one thread switch per round instead of one or two per packet.
 *
 * <p>Threading: one instance per event loop thread, confined to it.
 */
final class ReadDispatch implements Runnable {
    private static final FastThreadLocal<ReadDispatch> DISPATCHES = new FastThreadLocal<>() {
        @Override
        protected ReadDispatch initialValue() {
            return new ReadDispatch();
        }
    };

    private ArrayList<Client> pending = new ArrayList<>();
    private ArrayList<Client> spare = new ArrayList<>();
    private boolean scheduled;

    private ReadDispatch() {
    }

    /** Dispatches {@code client}'s pending packets at the end of this round; on {@code loop}. */
    static void schedule(EventLoop loop, Client client) {
        ReadDispatch d = DISPATCHES.get();
        d.pending.add(client);
        if (!d.scheduled) {
            d.scheduled = true;
            loop.execute(d);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        ArrayList<Client> round = pending;
        pending = spare;
        spare = round;
        for (int i = 0; i < round.size(); i++) {
            round.get(i).dispatchPending();
        }
        round.clear();
    }
}
