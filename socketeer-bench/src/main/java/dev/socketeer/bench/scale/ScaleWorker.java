package dev.socketeer.bench.scale;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.Dialect;
import dev.socketeer.bench.client.LoadGenerator;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator process of {@link ScaleMain}: opens {@code count} raw websocket clients (Engine.IO 4 /
 * Socket.IO 5, the bench's {@link LoadGenerator}) to one node at {@code rate} a second, each joining
 * {@code room}, answers the server's pings, and reports every {@code roomMessage} broadcast it receives. A
 * process holds at most about 19,000 sockets (the machine's limit of 20,000 open files per process), so
 * the scale run starts one per node.
 *
 * <p>Protocol, one JSON object per stdout line: {@code {"joined":J,"failed":F}} every 2 s while connecting
 * and once more with {@code "ready":true} when every client joined or failed (or after
 * {@code connect.timeout} seconds); for each broadcast {@code {"stamp":S,"received":R,"firstNs":..,"lastNs":..}}
 * when every joined client has it (arrival times are {@link System#nanoTime()}, which on Linux is the
 * system-wide monotonic clock, so comparable with the publisher's stamp in another process). A stdin line
 * {@code report} prints the same for every broadcast seen so far, complete or not, and
 * {@code {"joined":J,"disconnects":D}}; end of stdin closes every client and exits.
 *
 * <p>Threading: every client and callback runs on the generator's one event loop; the main thread reads stdin.
 */
public final class ScaleWorker implements BenchConnection.Listener {
    private final LoadGenerator gen;
    private final String room;
    /** Stamp to {first arrival, last arrival, arrivals}; loop only. */
    private final Map<Long, long[]> broadcasts = new LinkedHashMap<>();
    /** The clients that joined the room; loop only. */
    private final Set<BenchConnection> joinedConnections = Collections.newSetFromMap(new IdentityHashMap<>());
    private int joined;
    private int failed;
    private int disconnects;
    private String lastCloseReason;

    private ScaleWorker(LoadGenerator gen, String room) {
        this.gen = gen;
        this.room = room;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        int count = o.integer("count", 1000);
        double rate = o.decimal("rate", 300);
        try (LoadGenerator gen = new LoadGenerator("127.0.0.1", o.integer("port", 0), Dialect.SOCKET_IO)) {
            ScaleWorker w = new ScaleWorker(gen, o.string("room", "all"));
            w.connect(count, rate, o.integer("connect.timeout", 300));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.trim().equals("report")) {
                    gen.loop().submit(w::report).get();
                }
            }
        }
        System.exit(0);
    }

    private void connect(int count, double rate, int timeoutSeconds) throws Exception {
        long start = System.nanoTime();
        int[] opened = {0};
        // paced in 10 ms ticks: the intended number by now, so a late tick catches up
        ScheduledFuture<?> pacer = gen.loop().scheduleAtFixedRate(() -> {
            long due = Math.min(count, (long) ((System.nanoTime() - start) * rate / 1e9) + 1);
            while (opened[0] < due) {
                opened[0]++;
                gen.websocket(this);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long nextProgress = System.nanoTime();
        while (true) {
            int[] state = gen.loop().submit(() -> new int[] {joined, failed}).get();
            boolean done = state[0] + state[1] >= count;
            if (done || System.nanoTime() > deadline) {
                pacer.cancel(false);
                print(String.format(Locale.ROOT, "{\"joined\":%d,\"failed\":%d,\"ready\":true,\"seconds\":%.3f,\"lastClose\":%s}",
                        state[0], state[1], (System.nanoTime() - start) / 1e9, quote(lastCloseReason)));
                return;
            }
            if (System.nanoTime() >= nextProgress) {
                print("{\"joined\":" + state[0] + ",\"failed\":" + state[1] + "}");
                nextProgress += TimeUnit.SECONDS.toNanos(2);
            }
            Thread.sleep(20);
        }
    }

    private void report() {
        broadcasts.forEach((stamp, a) -> print(line(stamp, a)));
        print("{\"joined\":" + joined + ",\"disconnects\":" + disconnects + ",\"lastClose\":" + quote(lastCloseReason) + "}");
    }

    private static String line(long stamp, long[] a) {
        return "{\"stamp\":" + stamp + ",\"received\":" + a[2] + ",\"firstNs\":" + a[0] + ",\"lastNs\":" + a[1] + "}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "'") + "\"";
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    @Override
    public void onConnected(BenchConnection c) {
        c.send(gen.dialect().join(room));
    }

    @Override
    public void onJoined(BenchConnection c) {
        if (joinedConnections.add(c)) joined++;
    }

    @Override
    public void onRoomMessage(BenchConnection c, long stamp) {
        long now = System.nanoTime();
        long[] a = broadcasts.get(stamp);
        if (a == null) {
            a = new long[] {now, now, 0};
            broadcasts.put(stamp, a);
        }
        a[1] = now;
        if (++a[2] == joined) {
            print(line(stamp, a));
        }
    }

    @Override
    public void onClosed(BenchConnection c, boolean expected, String reason) {
        if (expected) return;
        lastCloseReason = reason;
        if (joinedConnections.remove(c)) {
            disconnects++;
            joined--;
        } else {
            failed++;
        }
    }
}
