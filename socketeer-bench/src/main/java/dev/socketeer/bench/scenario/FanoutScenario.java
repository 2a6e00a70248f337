package dev.socketeer.bench.scenario;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.Dialect;
import dev.socketeer.bench.client.LoadGenerator;
import io.netty.util.collection.LongObjectHashMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fanout} (websocket) and {@code polling} (long-polling only): S subscribers in R rooms, P
 * publishers sending {@code roomMessage} to the rooms in turn, at a stepped rate of deliveries per
 * second until saturation (p99 over {@value #SATURATION_P99_MS} ms or loss over 0.1 % in two steps in a
 * row, {@code ramp.failedSteps}), then {@code ramp.refine} bisection steps between the highest passing
 * and the next failing rate. One row per step: offered and delivered rate, loss, latency percentiles (from the send timestamp inside the
 * payload), server and generator CPU; and per publish, how long its first recipient waited ({@code first}), how long
 * the rest took after it ({@code spread}, publishes that reached every member), and how late the generator sent it
 * ({@code sendLag}), p50 and p99 each. Before the ramp, unrecorded warm-ups: 20,000 publishes to a room of two
 * members at 4,000/s (the publish path, see {@link #warmUpPublishPath}), then 6 × the first step's rate for 5 s.
 *
 * <p>On a cluster ({@code cluster}: several nodes sharing a Redis, see {@link ScenarioContext#nodes()}) the
 * subscribers are spread over the nodes in turn (subscriber i on node i mod N), the publishers and the
 * warm-up room's first member are on the first node, its second member on the second: every publish is
 * delivered on its own node and, through Redis, on the others. Server CPU is then the nodes' sum, and each
 * row also has Redis's CPU ({@code redisCpuPct}).
 */
public final class FanoutScenario implements BenchConnection.Listener {
    static final double SATURATION_P99_MS = 100;
    static final double SATURATION_LOSS = 0.001;
    /** The warm-up's rate against the ramp's first step ({@code NAME.warmupRate}, default 6 × {@code NAME.start}). */
    static final double WARMUP_RATE_FACTOR = 6;

    private final ScenarioContext ctx;
    private final String name;
    private final boolean polling;
    private final int rooms;
    private final int members;
    private final Map<BenchConnection, String> roomOf = new IdentityHashMap<>();
    private final List<BenchConnection> publishers = new ArrayList<>();
    private final Latency latency = new Latency();
    /**
     * Per publish of this step (by its intended send time): first arrival, last arrival, arrivals; loop
     * only. Netty's primitive-keyed map: looked up once per received frame, so no boxing on that path.
     */
    private final LongObjectHashMap<long[]> arrivals = new LongObjectHashMap<>();
    /** From a publish's intended send time to its first recipient; loop only. */
    private final Latency first = new Latency();
    /** From a publish's first recipient to its last, for publishes that reached every member; loop only. */
    private final Latency spread = new Latency();
    /** How late the generator sent each publish after its intended time; loop only. */
    private final Latency sendLag = new Latency();
    private LoadGenerator gen;
    private int joined;
    private int publishersConnected;
    private int unexpectedCloses;
    private String lastCloseReason;
    private long stepStart = Long.MAX_VALUE;
    private long delivered;
    private long lastDelivery;
    /** Publishes of this step not sent because the publisher's connection was not writable; loop only. */
    private long dropped;
    /** When any room message last arrived, of this step or a late one of an earlier step; loop only. */
    private long lastAnyDelivery;
    private long sent;
    /** The scenario name written in rows: {@code name}, or {@link #PROBE} for probe steps. */
    private String rowName;

    private FanoutScenario(ScenarioContext ctx, String name, boolean polling, int rooms, int members) {
        this.ctx = ctx;
        this.name = name;
        this.polling = polling;
        this.rooms = rooms;
        this.members = members;
        this.rowName = name;
    }

    /** The scenario of probe rows: steps at one given rate (see {@link #probe}). */
    public static final String PROBE = "fanout-probe";
    /** The scenario of a probe's rows: {@code fanout-probe}, {@code cluster-probe}. */
    public static String probeScenario(String scenario) {
        return scenario + "-probe";
    }

    /**
     * Runs {@code fanout} layout {@code config} (e.g. {@code 1x1000}) at exactly {@code rate} for
     * {@code probe.steps} (2) steps after the usual warm-up, the ramp's steps below that rate and one
     * step at it (none of them recorded; {@code probe.ramp=false} leaves out the ramp's), with rows of
     * scenario {@value #PROBE}: the
     * p99 of a server at another server's saturation rate, measured instead of interpolated between
     * two steps of its ramp. Rows say which rate they probed ({@code probedFor}).
     */
    public static void probe(ScenarioContext ctx, String config, double rate, String probedFor) {
        probe(ctx, "fanout", config, rate, probedFor);
    }

    /** {@link #probe(ScenarioContext, String, double, String)} of scenario {@code name} ({@code fanout} or {@code cluster}). */
    public static void probe(ScenarioContext ctx, String name, String config, double rate, String probedFor) {
        String[] rm = config.split("x");
        FanoutScenario f = new FanoutScenario(ctx, name, false, Integer.parseInt(rm[0]), Integer.parseInt(rm[1]));
        f.rowName = probeScenario(name);
        f.probedFor = probedFor;
        BenchOptions o = ctx.options();
        try (LoadGenerator g = ctx.generator()) {
            f.gen = g;
            f.setUp(config);
            double start = o.decimal(name + ".start", 5000);
            double factor = o.decimal(name + ".factor", 1.5);
            double seconds = o.decimal("step.seconds", 5);
            f.warmUp(config, start, o);
            // then the ramp's own steps below the rate and a step at the rate itself, none recorded: the
            // probed server arrives at the rate as the other server's ramp arrived at its crossing, from
            // the rates below it and after as long under load. A probe that jumped there from the warm-up
            // measured the jump (and a server that had seen less load than a ramp by then).
            if (Boolean.parseBoolean(o.string("probe.ramp", "true")) && factor > 1) {
                for (double r = start; r < rate; r *= factor) {
                    f.step(config, -1, r, seconds, o);
                }
            }
            f.step(config, -1, rate, seconds, o);
            for (int s = 0; s < o.integer("probe.steps", 2); s++) {
                f.step(config, s, rate, seconds, o);
            }
        }
    }

    /** What a probe row measured for, e.g. "node saturation" (null for ramp rows). */
    private String probedFor;

    /** Runs every configured room layout ({@code NAME.configs}, e.g. {@code 1x1000,10x100}). */
    public static void run(ScenarioContext ctx, String name, boolean polling) {
        if (polling && !ctx.server().target().polling()) {
            System.err.println("[bench] " + name + ": " + ctx.server().target().name() + " has no long-polling; skipped");
            return;
        }
        for (String config : ctx.options().list(name + ".configs", polling ? "10x100" : "1x1000,10x100")) {
            String[] rm = config.split("x");
            new FanoutScenario(ctx, name, polling, Integer.parseInt(rm[0]), Integer.parseInt(rm[1])).run(config);
        }
    }

    private void run(String config) {
        BenchOptions o = ctx.options();
        try (LoadGenerator g = ctx.generator()) {
            gen = g;
            setUp(config);
            double rate = o.decimal(name + ".start", polling ? 1000 : 5000);
            warmUp(config, rate, o);
            rampAndBisect(config, rate, o);
        }
    }

    /** Opens the subscribers (joined to their rooms) and the publishers. */
    private void setUp(String config) {
        BenchOptions o = ctx.options();
        int subscribers = rooms * members;
        ScenarioContext.call(gen.loop(), () -> new Ramp(o.decimal("connect.rate", 2000), subscribers, t -> {
            int i = roomOf.size();
            roomOf.put(open(i % gen.nodes()), "room-" + (i % rooms));
        }).start(gen.loop()));
        if (!ScenarioContext.await(gen.loop(), () -> joined >= subscribers, Duration.ofSeconds(120))) {
            throw new IllegalStateException(name + " " + config + ": only " + joined + "/" + subscribers
                    + " subscribers joined; last close: " + lastCloseReason);
        }
        int p = o.integer(name + ".publishers", 10);
        ScenarioContext.call(gen.loop(), () -> {
            for (int i = 0; i < p; i++) publishers.add(open(0));
            return null;
        });
        if (!ScenarioContext.await(gen.loop(), () -> publishersConnected >= p, Duration.ofSeconds(60))) {
            throw new IllegalStateException(name + ": publishers did not connect; last close: " + lastCloseReason);
        }
    }

    private void warmUp(String config, double rate, BenchOptions o) {
        warmUpPublishPath(config, o);
        // the warm-up runs at a rate well below any server's saturation but high enough that every
        // server's JIT (HotSpot's C2, V8's TurboFan) has compiled the delivery path before the first
        // measured step: the low steps would otherwise measure compilation on the server's one core
        step(config, -1, o.decimal(name + ".warmupRate", WARMUP_RATE_FACTOR * rate), o.decimal(name + ".warmupSeconds", o.decimal("warmup.seconds", 5)), o);
    }

    /** The room of the publish-path warm-up; its members are no subscribers of the layout. */
    static final String WARMUP_ROOM = "warm-up";

    /**
     * The publish path's warm-up ({@code warmup.publishes}, default {@value #WARMUP_PUBLISHES}, at
     * {@code warmup.publishRate} a second, default {@value #WARMUP_PUBLISH_RATE}; 0 publishes leaves it
     * out): publishes to a room of {@value #WARMUP_MEMBERS} members, joined for it. The delivery warm-up
     * that follows runs per delivery what a step runs, but per publish (decode, handler, broadcast,
     * encode) only as often as the layout's publish rate, which is a thousandth of it at 1x1000: 150
     * publishes in 5 s. Server
     * JITs compile a method after thousands to tens of thousands of calls, so without this the publish
     * path was compiled during the measured steps, on the server's one core (JFR of round 6: C2
     * compilations of 0.1-0.5 s each, 10-20 s into the load, of the publish path at 10x100; the first
     * steps at a fixed rate ran at 92-96 % CPU, the later ones at 75-80 %). A two-member room costs a
     * server about two deliveries per publish, so this stays far below every server's saturation.
     */
    private void warmUpPublishPath(String config, BenchOptions o) {
        long count = o.integer("warmup.publishes", WARMUP_PUBLISHES);
        if (count <= 0) {
            return;
        }
        ScenarioContext.call(gen.loop(), () -> {
            for (int i = 0; i < WARMUP_MEMBERS; i++) {
                BenchConnection member = open(i % gen.nodes());
                warmMembers.add(member);
                roomOf.put(member, WARMUP_ROOM);
            }
            return null;
        });
        int expected = rooms * members + WARMUP_MEMBERS;
        if (!ScenarioContext.await(gen.loop(), () -> joined >= expected, Duration.ofSeconds(60))) {
            throw new IllegalStateException(name + " " + config + ": the warm-up members did not join; last close: " + lastCloseReason);
        }
        Dialect dialect = gen.dialect();
        long[] sentWarm = {0};
        Ramp r = ScenarioContext.call(gen.loop(), () -> {
            warmDelivered = 0;
            Ramp ramp = new Ramp(o.decimal("warmup.publishRate", WARMUP_PUBLISH_RATE), count, intended -> {
                BenchConnection pub = publishers.get((int) (sentWarm[0]++ % publishers.size()));
                if (pub.isWritable()) {
                    pub.send(dialect.publish(WARMUP_ROOM, intended));
                }
            });
            ramp.start(gen.loop());
            return ramp;
        });
        // every publish sent, then most of them delivered: a server that lags is given time to catch up
        Duration limit = Duration.ofSeconds(o.integer("warmup.publishSeconds", 120));
        long deliveries = count * WARMUP_MEMBERS;
        boolean done = ScenarioContext.await(gen.loop(), () -> r.done() >= count && warmDelivered >= deliveries * 99 / 100, limit);
        ScenarioContext.call(gen.loop(), () -> {
            r.stop();
            return null;
        });
        ScenarioContext.call(gen.loop(), () -> {
            warmMembers.forEach(BenchConnection::close);
            // what they still receive is stamped before any step starts, so no step counts it; and the
            // generator's hot path (onRoomMessage) skips the lookup from now on
            warmMembers.clear();
            return null;
        });
        if (!done) {
            // a server that cannot deliver 20,000 messages to two sockets in two minutes is broken, not slow
            throw new IllegalStateException(name + " " + config + ": publish-path warm-up incomplete: "
                    + ScenarioContext.call(gen.loop(), () -> warmDelivered) + "/" + deliveries + " delivered");
        }
    }

    static final int WARMUP_PUBLISHES = 20_000;
    static final double WARMUP_PUBLISH_RATE = 4_000;
    /**
     * Members of the warm-up room: two, because a server may take another path for a message with more
     * than one recipient (Socketeer encodes a shared websocket frame from the second recipient on, see
     * {@code MessageFrames.sharedWebSocketFrame}); with one member that path was first compiled during the
     * measured steps.
     */
    static final int WARMUP_MEMBERS = 2;
    /** The warm-up room's members (empty before and after it); their messages are counted apart; loop only. */
    private final Set<BenchConnection> warmMembers = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Messages of the warm-up room received; loop only. */
    private long warmDelivered;

    private void rampAndBisect(String config, double rate, BenchOptions o) {
        int maxSteps = o.integer(name + ".maxSteps", 20);
        int failedInARow = 0;
        int stopAfter = o.integer("ramp.failedSteps", 2);
        // two failing steps in a row end the ramp, so that one hiccup (a GC, a JIT burst) does not
        int s = 0;
        double highestPass = 0;
        double lowestFailAbove = Double.MAX_VALUE;
        for (; s < maxSteps && rate <= o.decimal(name + ".max", 5_000_000) && failedInARow < stopAfter; s++) {
            boolean failed = failed(step(config, s, rate, o.decimal("step.seconds", 5), o));
            failedInARow = failed ? failedInARow + 1 : 0;
            if (failed) {
                lowestFailAbove = rate > highestPass ? Math.min(lowestFailAbove, rate) : lowestFailAbove;
            } else {
                highestPass = rate;
                lowestFailAbove = Double.MAX_VALUE;
            }
            rate *= o.decimal(name + ".factor", 1.5);
        }
        // The ramp brackets the saturation point between two rates a factor apart; bisecting that
        // bracket (geometric mean, a few steps) measures where p99 passes 100 ms to within a few per cent.
        int refine = o.integer("ramp.refine", 3);
        for (int r = 0; r < refine && highestPass > 0 && lowestFailAbove < Double.MAX_VALUE; r++, s++) {
            double mid = Math.sqrt(highestPass * lowestFailAbove);
            // after an overloaded step a server may still be draining its backlog (queued tasks or
            // socket buffers) for many seconds; a bisection step measured on top of it would fail
            // for that, not for its own rate
            awaitQuiet(o);
            if (failed(step(config, s, mid, o.decimal("step.seconds", 5), o))) {
                lowestFailAbove = mid;
            } else {
                highestPass = mid;
            }
        }
    }

    /** Waits until no room message has arrived for {@code quiet.seconds} (1), at most {@code quiet.maxSeconds} (120). */
    private void awaitQuiet(BenchOptions o) {
        long quietNanos = (long) (o.decimal("quiet.seconds", 1) * 1e9);
        ScenarioContext.await(gen.loop(), () -> System.nanoTime() - lastAnyDelivery > quietNanos,
                Duration.ofMillis((long) (o.decimal("quiet.maxSeconds", 120) * 1000)));
    }

    private static boolean failed(Map<String, Object> row) {
        return (double) row.get("p99Ms") > SATURATION_P99_MS || (double) row.get("loss") > SATURATION_LOSS;
    }

    /** A connection to node {@code node} of a cluster (polling: always the first). */
    private BenchConnection open(int node) {
        return polling ? gen.polling(this) : gen.websocket(this, node);
    }

    /** One step at {@code rate} deliveries/s; writes a row unless it is the warm-up ({@code index} -1). */
    private Map<String, Object> step(String config, int index, double rate, double seconds, BenchOptions o) {
        Dialect dialect = gen.dialect();
        long serverCpu0 = ctx.serverCpuMillis();
        boolean redisCpuKnown = ctx.redis() != null && ctx.redis().local();
        long redisCpu0 = redisCpuKnown ? ctx.redis().cpuMillis() : 0;
        long selfCpu0 = ScenarioContext.selfCpuMillis();
        long switches0 = ctx.serverContextSwitches();
        Ramp ramp = ScenarioContext.call(gen.loop(), () -> {
            latency.reset();
            first.reset();
            spread.reset();
            sendLag.reset();
            arrivals.clear();
            delivered = 0;
            sent = 0;
            dropped = 0;
            unexpectedCloses = 0;
            stepStart = System.nanoTime();
            Ramp r = new Ramp(rate / members, Long.MAX_VALUE, intended -> {
                BenchConnection pub = publishers.get((int) (sent % publishers.size()));
                // A server that stops reading (back-pressure) would otherwise have the generator queue
                // publishes without bound and deliver them into later steps: a publish that cannot
                // leave now counts as sent and never delivered (loss), as an open-loop client would see it.
                sendLag.recordNanos(System.nanoTime() - intended);
                if (pub.isWritable()) {
                    pub.send(dialect.publish("room-" + (sent % rooms), intended));
                } else {
                    dropped++;
                }
                sent++;
            });
            r.start(gen.loop());
            return r;
        });
        ScenarioContext.sleep(Duration.ofMillis((long) (seconds * 1000)));
        long expected = ScenarioContext.call(gen.loop(), () -> {
            ramp.stop();
            return sent * members;
        });
        long serverCpu = ctx.serverCpuMillis() - serverCpu0;
        long redisCpu = redisCpuKnown ? ctx.redis().cpuMillis() - redisCpu0 : 0;
        long switches = ctx.serverContextSwitches() - switches0;
        long selfCpu = ScenarioContext.selfCpuMillis() - selfCpu0;
        ScenarioContext.await(gen.loop(), () -> delivered >= expected,
                Duration.ofMillis((long) (o.decimal("drain.seconds", 2) * 1000)));
        return ScenarioContext.call(gen.loop(), () -> {
            Map<String, Object> row = ctx.row(rowName);
            if (probedFor != null) row.put("probedFor", probedFor);
            row.put("config", config);
            row.put("step", index);
            row.put("targetPerSec", Math.round(rate));
            row.put("published", sent);
            row.put("notSent", dropped);
            row.put("expected", expected);
            row.put("delivered", delivered);
            double active = Math.max(seconds, (lastDelivery - stepStart) / 1e9);
            row.put("deliveredPerSec", Math.round(delivered / active));
            row.put("loss", expected == 0 ? 0.0 : Math.max(0, Math.round((1 - (double) delivered / expected) * 1e6) / 1e6));
            latency.putPercentiles(row);
            first.putP50P99(row, "first");
            spread.putP50P99(row, "spread");
            sendLag.putP50P99(row, "sendLag");
            row.put("serverCpuPct", Math.round(serverCpu / (seconds * 10)));
            if (ctx.redis() != null) {
                row.put("nodes", ctx.nodes().size());
                if (redisCpuKnown) row.put("redisCpuPct", Math.round(redisCpu / (seconds * 10)));
            }
            row.put("generatorCpuPct", Math.round(selfCpu / (seconds * 10)));
            row.put("unexpectedCloses", unexpectedCloses);
            row.put("serverThreads", ctx.serverThreads());
            row.put("serverCtxSwitchesPerSec", Math.round(switches / seconds));
            stepStart = Long.MAX_VALUE;
            if (index >= 0) ctx.results().write(row);
            return row;
        });
    }

    @Override
    public void onConnected(BenchConnection c) {
        String room = roomOf.get(c);
        if (room != null) {
            c.send(gen.dialect().join(room));
        } else {
            publishersConnected++;
        }
    }

    @Override
    public void onJoined(BenchConnection c) {
        joined++;
    }

    @Override
    public void onRoomMessage(BenchConnection c, long timestamp) {
        long now = System.nanoTime();
        lastAnyDelivery = now;
        if (!warmMembers.isEmpty() && warmMembers.contains(c)) { // empty outside the publish-path warm-up
            warmDelivered++;
            return;
        }
        if (timestamp >= stepStart) {
            delivered++;
            lastDelivery = now;
            latency.recordNanos(now - timestamp);
            long[] a = arrivals.get(timestamp);
            if (a == null) {
                arrivals.put(timestamp, new long[] {now, now, 1});
                first.recordNanos(now - timestamp);
            } else {
                a[1] = now;
                if (++a[2] == members) {
                    spread.recordNanos(a[1] - a[0]);
                    arrivals.remove(timestamp);
                }
            }
        }
    }

    @Override
    public void onClosed(BenchConnection c, boolean expected, String reason) {
        if (!expected) {
            unexpectedCloses++;
            lastCloseReason = reason;
        }
    }
}
