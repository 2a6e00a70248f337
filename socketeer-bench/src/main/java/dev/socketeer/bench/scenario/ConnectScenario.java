package dev.socketeer.bench.scenario;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.LoadGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code connect}: N idle websocket connections opened at a paced rate and held (the server's
 * heartbeat keeps running; the generator answers pings) for {@code connect.hold} seconds; reports the
 * achieved connect rate, connect latency, disconnects during the hold, and the server's memory per
 * connection: RSS (and for a JVM, heap in use after a full GC) at N minus before connecting, over N.
 *
 * <p>Before the baseline every server gets the same warm-up (see {@link #warmUp}): {@code connect.warmup}
 * (default 500) websocket connections fully connected (Socket.IO CONNECT answered, or the plain websocket
 * open) and closed again, then for a JVM a full GC ({@code jcmd PID GC.run}; Node: nothing). One-off costs
 * of the first connections (JIT-compiled code, loaded classes/metaspace, pools and buffers sized on first
 * use) then land in the baseline instead of being counted as per-connection memory.
 */
public final class ConnectScenario implements BenchConnection.Listener {
    private final ScenarioContext ctx;
    private final Map<BenchConnection, Long> openedAt = new IdentityHashMap<>();
    private final Latency latency = new Latency();
    private int connected;
    private int failedBeforeConnect;
    private int disconnected;
    private long lastConnect;
    private String lastCloseReason;

    private ConnectScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    public static void run(ScenarioContext ctx) {
        new ConnectScenario(ctx).run(ctx.options());
    }

    private void run(BenchOptions o) {
        int n = o.integer("connect.count", 19_000);
        double rate = o.decimal("connect.rate", 2000);
        try (LoadGenerator gen = ctx.generator()) {
            warmUp(gen, o.integer("connect.warmup", 500), rate);
            long heap0 = ctx.server().heapUsedAfterGcKb();
            long rss0 = ctx.server().rssKb();
            long start = ScenarioContext.call(gen.loop(), () -> new Ramp(rate, n, t -> {
                BenchConnection c = gen.websocket(this);
                openedAt.put(c, t);
            }).start(gen.loop()));
            boolean all = ScenarioContext.await(gen.loop(), () -> connected + failedBeforeConnect >= n,
                    Duration.ofMillis((long) (n / rate * 1000) + 60_000));
            double rampSeconds = ScenarioContext.call(gen.loop(), () -> (lastConnect - start) / 1e9);
            double hold = o.decimal("connect.hold", 300);
            ScenarioContext.sleep(Duration.ofMillis((long) (hold * 1000)));
            long heap1 = ctx.server().heapUsedAfterGcKb();
            if (ctx.server().target().jvm() && o.integer("connect.histogram", 1) > 0) {
                // what the held connections are made of: top of the live-object histogram, for hot spots
                ctx.writeArtifact("connect-" + ctx.server().target().name() + "-r" + ctx.repeat() + "-histogram.txt",
                        ctx.server().jcmd("GC.class_histogram"));
            }
            long rss1 = ctx.server().rssKb();
            Map<String, Object> row = ScenarioContext.call(gen.loop(), () -> {
                Map<String, Object> r = ctx.row("connect");
                r.put("config", Integer.toString(n));
                r.put("requested", n);
                r.put("connected", connected);
                r.put("failed", failedBeforeConnect + (all ? 0 : n - connected - failedBeforeConnect));
                r.put("targetPerSec", Math.round(rate));
                r.put("connectsPerSec", Math.round(connected / Math.max(rampSeconds, 1e-3)));
                latency.putPercentiles(r);
                r.put("holdSeconds", hold);
                r.put("disconnectsDuringHold", disconnected);
                r.put("lastCloseReason", lastCloseReason);
                return r;
            });
            row.put("rssBeforeKb", rss0);
            row.put("rssAfterKb", rss1);
            row.put("rssPerConnKb", perConnection(rss1 - rss0));
            row.put("heapBeforeKb", heap0);
            row.put("heapAfterKb", heap1);
            row.put("heapPerConnKb", heap0 < 0 ? -1.0 : perConnection(heap1 - heap0));
            row.put("serverThreads", ctx.server().threads());
            ctx.results().write(row);
        }
    }

    /**
     * The warm-up before the baseline, identical for every server: opens {@code count} websocket
     * connections at {@code rate} per second, waits until each connected (or failed), closes them all,
     * waits until each closed and gives the server a second to release them, then for a JVM server
     * forces a full GC ({@code jcmd PID GC.run}); Node gets nothing more.
     */
    private void warmUp(LoadGenerator gen, int count, double rate) {
        if (count <= 0) return;
        List<BenchConnection> opened = new ArrayList<>();
        int[] state = new int[2]; // [0] connected or failed, [1] closed
        BenchConnection.Listener listener = new BenchConnection.Listener() {
            private final Set<BenchConnection> connectedOnce = Collections.newSetFromMap(new IdentityHashMap<>());

            @Override
            public void onConnected(BenchConnection c) {
                if (connectedOnce.add(c)) state[0]++;
            }

            @Override
            public void onClosed(BenchConnection c, boolean expected, String reason) {
                if (connectedOnce.add(c)) state[0]++; // failed before connecting
                state[1]++;
            }
        };
        ScenarioContext.call(gen.loop(), () -> new Ramp(rate, count, t -> opened.add(gen.websocket(listener)))
                .start(gen.loop()));
        ScenarioContext.await(gen.loop(), () -> state[0] >= count,
                Duration.ofMillis((long) (count / rate * 1000) + 60_000));
        ScenarioContext.call(gen.loop(), () -> {
            opened.forEach(BenchConnection::close);
            return null;
        });
        ScenarioContext.await(gen.loop(), () -> state[1] >= opened.size(), Duration.ofSeconds(30));
        ScenarioContext.sleep(Duration.ofSeconds(1));
        if (ctx.server().target().jvm()) {
            ctx.server().jcmd("GC.run");
        }
    }

    private double perConnection(long deltaKb) {
        return connected == 0 ? -1 : Math.round(deltaKb * 100.0 / connected) / 100.0;
    }

    @Override
    public void onConnected(BenchConnection c) {
        long now = System.nanoTime();
        connected++;
        lastConnect = now;
        Long t = openedAt.remove(c);
        if (t != null) latency.recordNanos(now - t);
    }

    @Override
    public void onClosed(BenchConnection c, boolean expected, String reason) {
        if (expected) return;
        lastCloseReason = reason;
        if (openedAt.remove(c) != null) {
            failedBeforeConnect++;
        } else {
            disconnected++;
            connected--;
        }
    }
}
