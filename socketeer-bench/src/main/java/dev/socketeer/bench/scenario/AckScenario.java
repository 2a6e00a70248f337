package dev.socketeer.bench.scenario;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.LoadGenerator;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ack}: C clients each keeping W {@code echo} requests with an ack in flight (closed loop);
 * acks/s and round-trip percentiles over the measured window, after a warm-up.
 */
public final class AckScenario implements BenchConnection.Listener {
    private final ScenarioContext ctx;
    private final int window;
    private LoadGenerator gen;
    private int connected;
    private int nextId;
    private boolean measuring;
    private boolean running = true;
    private long acks;
    private int unexpectedCloses;
    private String lastCloseReason;
    private final Latency latency = new Latency();

    private AckScenario(ScenarioContext ctx, int window) {
        this.ctx = ctx;
        this.window = window;
    }

    public static void run(ScenarioContext ctx) {
        BenchOptions o = ctx.options();
        new AckScenario(ctx, o.integer("ack.window", 10)).run(o.integer("ack.clients", 50), o);
    }

    private void run(int clients, BenchOptions o) {
        try (LoadGenerator g = ctx.generator()) {
            gen = g;
            ScenarioContext.call(gen.loop(), () -> {
                for (int i = 0; i < clients; i++) gen.websocket(this);
                return null;
            });
            if (!ScenarioContext.await(gen.loop(), () -> connected >= clients, Duration.ofSeconds(60))) {
                throw new IllegalStateException("ack: only " + connected + "/" + clients + " connected: " + lastCloseReason);
            }
            ScenarioContext.sleep(Duration.ofMillis((long) (o.decimal("warmup.seconds", 3) * 1000)));
            double seconds = o.decimal("ack.seconds", 10);
            long serverCpu0 = ctx.server().cpuMillis();
            long selfCpu0 = ScenarioContext.selfCpuMillis();
            ScenarioContext.call(gen.loop(), () -> {
                latency.reset();
                acks = 0;
                measuring = true;
                return null;
            });
            long start = System.nanoTime();
            ScenarioContext.sleep(Duration.ofMillis((long) (seconds * 1000)));
            Map<String, Object> row = ScenarioContext.call(gen.loop(), () -> {
                measuring = false;
                running = false;
                double elapsed = (System.nanoTime() - start) / 1e9;
                Map<String, Object> r = ctx.row("ack");
                r.put("config", clients + "x" + window);
                r.put("acks", acks);
                r.put("acksPerSec", Math.round(acks / elapsed));
                latency.putPercentiles(r);
                r.put("unexpectedCloses", unexpectedCloses);
                return r;
            });
            row.put("serverCpuPct", Math.round((ctx.server().cpuMillis() - serverCpu0) / (seconds * 10)));
            row.put("generatorCpuPct", Math.round((ScenarioContext.selfCpuMillis() - selfCpu0) / (seconds * 10)));
            row.put("serverThreads", ctx.server().threads());
            ctx.results().write(row);
        }
    }

    @Override
    public void onConnected(BenchConnection c) {
        connected++;
        for (int i = 0; i < window; i++) echo(c);
    }

    private void echo(BenchConnection c) {
        c.send(gen.dialect().echo(nextId++ & 0x7fffffff, System.nanoTime()));
    }

    @Override
    public void onAck(BenchConnection c, long timestamp) {
        if (measuring && timestamp > 0) {
            acks++;
            latency.recordNanos(System.nanoTime() - timestamp);
        }
        if (running) echo(c);
    }

    @Override
    public void onClosed(BenchConnection c, boolean expected, String reason) {
        if (!expected) {
            unexpectedCloses++;
            lastCloseReason = reason;
        }
    }
}
