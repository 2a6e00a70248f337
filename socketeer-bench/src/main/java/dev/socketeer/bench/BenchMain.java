package dev.socketeer.bench;

import dev.socketeer.bench.report.Charts;
import dev.socketeer.bench.report.Report;
import dev.socketeer.bench.scenario.AckScenario;
import dev.socketeer.bench.scenario.ConnectScenario;
import dev.socketeer.bench.scenario.FanoutScenario;
import dev.socketeer.bench.scenario.ResultWriter;
import dev.socketeer.bench.scenario.ScenarioContext;
import dev.socketeer.bench.server.Cluster;
import dev.socketeer.bench.server.ServerProcess;
import dev.socketeer.bench.server.ServerTarget;
import dev.socketeer.bench.server.ServerTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side-by-side benchmark: for each repeat, each scenario, each server (order rotated per repeat),
 * starts the server (pinned with {@code taskset -c <pin.server>}), runs the scenario from this process
 * (the load generator; pin it yourself, {@code bench/run.sh} does), stops the server. The {@code cluster}
 * scenario (not in the default list) starts a cluster instead: a redis-server of its own and
 * {@code cluster.nodes} (2) nodes of the server on it, all pinned like a server. Then prints the
 * summary table and draws the charts. Results: {@code <out>/results.jsonl}, {@code summary.md},
 * {@code *.png}, server logs.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(BenchOptions.parse(args)) ? 0 : 1);
    }

    /** Runs the benchmark; returns whether every scenario run completed. */
    public static boolean run(BenchOptions o) throws IOException {
        if (!o.list("report.from", "").isEmpty()) {
            report(o);
            return true;
        }
        Path root = Paths.get(o.string("root", findRoot().toString())).toAbsolutePath();
        Path out = Paths.get(o.string("out", root.resolve("bench-results/latest").toString())).toAbsolutePath();
        Files.createDirectories(out);
        List<String> servers = o.list("servers", "node,socketeer,spring,plain");
        // Throughput scenarios: a heap sized for the load, as a deployment sets it. The connect scenario
        // measures what idle connections cost: a small heap that grows with them and gives memory back.
        List<ServerTarget> targets = ServerTargets.select(servers, root, jvmOptions(o, "jvm.opts", THROUGHPUT_JVM),
                ServerTargets.custom(o.given()));
        List<String> scenarios = o.list("scenarios", "fanout,ack,connect,polling");
        // the connect scenario's targets, selected only when it runs (a missing spring jar is reported per selection)
        List<ServerTarget> connectTargets = !scenarios.contains("connect") ? List.of()
                : ServerTargets.select(servers, root, jvmOptions(o, "connect.jvm.opts", CONNECT_JVM), ServerTargets.custom(o.given()));
        List<String> pin = o.string("pin.server", "0").equals("none") ? List.of() : List.of("taskset", "-c", o.string("pin.server", "0"));
        ResultWriter results = new ResultWriter(out.resolve("results.jsonl"));
        results.write(Environment.describe(o));
        boolean ok = true;
        int repeats = o.integer("repeats", 2);
        for (int r = 0; r < repeats; r++) {
            for (String scenario : scenarios) {
                List<ServerTarget> list = scenario.equals("connect") ? connectTargets : targets;
                if (scenario.equals("cluster")) {
                    list = list.stream().filter(t -> CLUSTER_TARGETS.contains(t.name())).toList();
                }
                for (int i = 0; i < list.size(); i++) {
                    ServerTarget t = list.get((i + r) % list.size());
                    if (o.list("jfr", "").contains(t.name())) {
                        t = t.withJvmOption("-XX:StartFlightRecording=settings=" + jfrSettings(root) + ",filename="
                                + out.resolve(t.name() + "-" + scenario + "-r" + r + ".jfr"));
                    }
                    ok &= runOne(t, scenario, r, o, pin, out, results);
                }
                if (scenario.equals("fanout") || scenario.equals("cluster")) {
                    ok &= probe(scenario, targets, r, o, pin, out, results);
                }
            }
        }
        String summary = Report.summarize(results.rows());
        Files.writeString(out.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);
        for (Path chart : Charts.draw(results.rows(), out)) System.out.println("[bench] chart " + chart);
        return ok;
    }

    /** JVM options of the Java servers in the fan-out, polling and ack scenarios ({@code --jvm.opts}). */
    static final String THROUGHPUT_JVM = "-Xms512m -Xmx2g -XX:+UseSerialGC";
    /** JVM options of the Java servers in the connect scenario ({@code --connect.jvm.opts}). */
    static final String CONNECT_JVM = "-Xms32m -Xmx2g -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";

    private static List<String> jvmOptions(BenchOptions o, String key, String defaults) {
        return Arrays.stream(o.string(key, defaults).split(" ")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * {@code --report.from=a.jsonl,b.jsonl}: no run, only the summary and charts of earlier results;
     * a later file replaces the rows of every (scenario, server) pair it has.
     */
    private static void report(BenchOptions o) throws IOException {
        Path out = Paths.get(o.string("out", "bench-results/report")).toAbsolutePath();
        Files.createDirectories(out);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        for (String file : o.list("report.from", "")) {
            List<Map<String, Object>> next = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(Paths.get(file))) {
                if (!line.isBlank()) next.add(mapper.readValue(line, new tools.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { }));
            }
            java.util.Set<String> replaced = new java.util.HashSet<>();
            next.forEach(r -> replaced.add(r.get("scenario") + "/" + r.get("server")));
            rows.removeIf(r -> replaced.contains(r.get("scenario") + "/" + r.get("server")));
            rows.addAll(next);
        }
        ResultWriter merged = new ResultWriter(out.resolve("results.jsonl"));
        Files.deleteIfExists(merged.file());
        rows.forEach(merged::write);
        String summary = Report.summarize(rows);
        Files.writeString(out.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);
        for (Path chart : Charts.draw(rows, out)) System.out.println("[bench] chart " + chart);
    }

    /** The servers the {@code cluster} scenario runs: those that join a Redis cluster from the environment. */
    static final List<String> CLUSTER_TARGETS = List.of("node", "socketeer", "socketeer-fixed");

    private static boolean runOne(ServerTarget t, String scenario, int repeat, BenchOptions o, List<String> pin,
                                  Path out, ResultWriter results) {
        System.out.println("[bench] === " + scenario + " on " + t.name() + " (repeat " + repeat + ")");
        if (scenario.equals("cluster")) {
            return guarded(t, scenario, repeat, results, () -> {
                try (Cluster cluster = Cluster.start(t, o, pin, out)) {
                    FanoutScenario.run(ScenarioContext.cluster(cluster.nodes(), cluster.redis(), o, results, repeat), "cluster", false);
                }
            });
        }
        try (ServerProcess server = ServerProcess.start(t, pin, out.resolve(t.name() + ".log"))) {
            ScenarioContext ctx = new ScenarioContext(server, o, results, repeat);
            switch (scenario) {
                case "fanout" -> FanoutScenario.run(ctx, "fanout", false);
                case "polling" -> FanoutScenario.run(ctx, "polling", true);
                case "ack" -> AckScenario.run(ctx);
                case "connect" -> ConnectScenario.run(ctx);
                default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
            }
            System.out.println("[bench] generator open files after the run: " + openFiles());
            return true;
        } catch (RuntimeException e) {
            System.err.println("[bench] " + scenario + " on " + t.name() + " failed: " + e);
            e.printStackTrace();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", scenario);
            row.put("server", t.name());
            row.put("repeat", repeat);
            row.put("error", String.valueOf(e));
            results.write(row);
            return false;
        }
    }

    /**
     * After the fan-out ramps of a repeat: each server of {@code probe} (default {@code socketeer}) run
     * again at exactly the rate where Node's p99 passed 100 ms in that repeat, per layout, so that its p99
     * there is measured rather than interpolated between two of its ramp's steps ({@code probe=} turns
     * it off; {@code probe.rate} probes a given rate instead). Skipped for a layout where Node's crossing
     * cannot be read.
     */
    private static boolean probe(String scenario, List<ServerTarget> targets, int repeat, BenchOptions o, List<String> pin,
                                 Path out, ResultWriter results) {
        boolean ok = true;
        for (String config : o.list(scenario + ".configs", "1x1000,10x100")) {
            double fixed = o.decimal("probe.rate", Double.NaN); // a given rate instead (the smoke test's)
            double rate = Double.isNaN(fixed) ? Report.nodeP99CrossingRate(results.rows(), scenario, config, repeat) : fixed;
            if (Double.isNaN(rate)) continue;
            for (ServerTarget t : targets) {
                if (!o.list("probe", "socketeer").contains(t.name())) continue;
                System.out.printf(java.util.Locale.ROOT, "[bench] === probe %s %s on %s at %.0f/s (repeat %d)%n", scenario, config,
                        t.name(), rate, repeat);
                String why = Double.isNaN(fixed) ? "node p99 passes 100 ms" : "probe.rate";
                try {
                    if (scenario.equals("cluster")) {
                        try (Cluster cluster = Cluster.start(t, o, pin, out)) {
                            FanoutScenario.probe(ScenarioContext.cluster(cluster.nodes(), cluster.redis(), o, results, repeat), scenario, config, rate, why);
                        }
                    } else {
                        try (ServerProcess server = ServerProcess.start(t, pin, out.resolve(t.name() + ".log"))) {
                            FanoutScenario.probe(new ScenarioContext(server, o, results, repeat), config, rate, why);
                        }
                    }
                } catch (RuntimeException e) {
                    System.err.println("[bench] probe " + config + " on " + t.name() + " failed: " + e);
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** Runs {@code body}; a failure is logged and written as an error row. Returns whether it completed. */
    private static boolean guarded(ServerTarget t, String scenario, int repeat, ResultWriter results, Runnable body) {
        try {
            body.run();
            return true;
        } catch (RuntimeException e) {
            System.err.println("[bench] " + scenario + " on " + t.name() + " failed: " + e);
            e.printStackTrace();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", scenario);
            row.put("server", t.name());
            row.put("repeat", repeat);
            row.put("error", String.valueOf(e));
            results.write(row);
            return false;
        }
    }

    private static long openFiles() {
        try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** bench/jfr-profile-1ms.jfc (JFR's profile settings, sampling every 1 ms) if present, else {@code profile}. */
    private static String jfrSettings(Path root) {
        Path custom = root.resolve("bench/jfr-profile-1ms.jfc");
        return Files.isRegularFile(custom) ? custom.toString() : "profile";
    }

    private static Path findRoot() {
        String compat = System.getProperty("socketeer.compat.dir");
        if (compat != null && Files.isRegularFile(Paths.get(compat, "reference-server.js"))) {
            return Paths.get(compat).toAbsolutePath().getParent();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compat/reference-server.js"))) return p;
        }
        throw new IllegalStateException("cannot find compat/reference-server.js; pass --root=<checkout>");
    }
}
