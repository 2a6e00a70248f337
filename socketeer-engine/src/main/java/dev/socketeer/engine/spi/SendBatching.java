package dev.socketeer.engine.spi;

import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.internal.SendBatch;
import java.util.function.LongConsumer;

/**
 * How a layer above the engine batches the sends of a broadcast and learns when they are out of its way
 * (for inbound back-pressure). Threading: both methods work on the calling thread's own state (a thread
 * local), from any thread.
 */
public final class SendBatching {
    private SendBatching() {
    }

    /**
     * Runs {@code body} with the {@link EngineSocket#send sends} it makes on this thread batched: sends to
     * sessions of event loops other than the calling thread's are handed to each loop in one task when
     * {@code body} returns (or throws), rather than one task per send. A send to 1,000 sessions costs one
     * hand-off. Each session still receives this thread's sends in order. Nested calls join the outer batch.
     */
    public static void batchSends(Runnable body) {
        SendBatch.run(body);
    }

    /**
     * Runs {@code body}, tells {@code queued} how many sends it made on this thread to sessions of other
     * event loops (right after {@code body}, on this thread), then tells {@code delivered} the same number
     * once every one of them has been handed to its session on its loop (a marker queued behind those
     * sends; they leave exactly when they would without this). {@code delivered} runs on the loop that
     * finishes last, or on this thread if there were no such sends. The layer above counts a packet as
     * handled only once the writes it caused (a broadcast's too) are out of the way. Calls do not nest: an
     * inner call reports 0 sends right after its body.
     */
    public static void trackDelivery(Runnable body, LongConsumer queued, LongConsumer delivered) {
        SendBatch.track(body, queued, delivered);
    }
}
