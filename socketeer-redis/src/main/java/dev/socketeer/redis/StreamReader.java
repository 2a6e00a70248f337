package dev.socketeer.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream with {@code XREAD BLOCK} on its own connection and daemon thread, and hands each entry to
 * the adapter of its namespace (Node's {@code startPolling}). Its position starts at the stream's end when it
 * starts and moves past each entry read, so a failed read is retried from there.
 *
 * <p>Threading: {@link #start()} and {@link #close()} from any thread; entries are dispatched on the reader's
 * thread, in stream order.
 */
final class StreamReader {
    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final long RETRY_MILLIS = 100;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String stream;
    private final int count;
    private final Duration block;
    private final Function<String, @Nullable RedisStreamsAdapter> adapters;
    private final Thread thread;
    private volatile boolean closed;
    private String offset = "0-0";

    StreamReader(StatefulRedisConnection<String, byte[]> connection, String stream, int count, Duration block,
                 Function<String, @Nullable RedisStreamsAdapter> adapters) {
        this.connection = connection;
        this.stream = stream;
        this.count = count;
        this.block = block;
        this.adapters = adapters;
        // a client's command timeout may be shorter than the block time: the blocking read gets its own
        connection.setTimeout(block.plusSeconds(10));
        this.thread = new Thread(this::run, "socketeer-redis-streams-" + stream);
        thread.setDaemon(true);
    }

    /** Places the position at the stream's current last entry (blocking), then starts reading. */
    void start() {
        List<StreamMessage<String, byte[]>> last = connection.sync().xrevrange(stream, Range.unbounded(), Limit.from(1));
        if (!last.isEmpty()) {
            offset = last.get(0).getId();
        }
        thread.start();
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    private void run() {
        boolean warned = false;
        while (!closed) {
            List<StreamMessage<String, byte[]>> entries;
            try {
                entries = connection.sync().xread(XReadArgs.Builder.block(block).count(count),
                        XReadArgs.StreamOffset.from(stream, offset));
                warned = false;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    log.warn("reading the stream {} failed, retrying from {}: {}", stream, offset, e.toString());
                    warned = true;
                }
                if (!pause()) {
                    return;
                }
                continue;
            }
            if (entries == null) {
                continue;
            }
            for (StreamMessage<String, byte[]> entry : entries) {
                dispatch(entry.getBody(), entry.getId());
                offset = entry.getId();
            }
        }
    }

    private void dispatch(Map<String, byte[]> fields, String id) {
        byte[] nsp = fields.get("nsp");
        if (nsp == null) {
            return;
        }
        RedisStreamsAdapter adapter = adapters.apply(new String(nsp, StandardCharsets.UTF_8));
        if (adapter != null) {
            adapter.onStreamEntry(fields, id);
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading: closes the connection (which ends a pending read) and waits briefly for the thread. */
    void close() {
        closed = true;
        connection.close();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
