package dev.socketeer.bench.scenario;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.LoadGenerator;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code connect}: N idle websocket connections opened at a paced rate and held (the server's
 * heartbeat keeps running; the generator answers pings) for {@code connect.hold} seconds; reports the
 * achieved connect rate, connect latency, disconnects during the hold, and the server's memory per
 * connection: RSS (and for a JVM, heap in use after a full GC) at N minus before connecting, over N.
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
        long heap0 = ctx.server().heapUsedAfterGcKb();
        long rss0 = ctx.server().rssKb();
        try (LoadGenerator gen = ctx.generator()) {
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
