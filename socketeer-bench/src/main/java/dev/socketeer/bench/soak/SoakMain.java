package dev.socketeer.bench.soak;

import dev.socketeer.bench.BenchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Long-run memory checks of the reference server (not part of {@code verify}; {@code bench/soak.sh} runs them):
 * <ul>
 *   <li>{@code --mode=soak}: the server as its own JVM, {@code compat/soak/soak-clients.js} against it for
 *       {@code --duration} seconds (default 3600), heap after GC and RSS read every {@code --sample} seconds
 *       into {@code memory.csv} and {@code memory.svg}. Passes when both are {@linkplain Flatness flat} after
 *       {@code --warmup} seconds and no behaving client lost a message.</li>
 *   <li>{@code --mode=bad-input}: warm-up ({@code compat/soak/bad-input.js} phase {@code warmup}), heap after GC,
 *       every bad-input class at full size and count ({@code attack}, {@code --rounds} times), heap after GC
 *       again. Passes when it is within {@code --max.growth} (10 %) of the baseline and the server is up.</li>
 * </ul>
 * Results in {@code --out}: {@code result.json}, {@code summary.md}, logs. Exit code 0 only on a pass.
 * Threading: one thread, the caller's.
 */
public final class SoakMain {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        Path root = Paths.get(o.string("root", ".")).toAbsolutePath().normalize();
        String mode = o.string("mode", "soak");
        Path out = Paths.get(o.string("out", root.resolve("bench-results/" + mode + "-" + System.currentTimeMillis()).toString()));
        Files.createDirectories(out);
        String pinCpu = o.string("pin", "1");
        List<String> pin = pinCpu.equals("none") ? List.of() : List.of("taskset", "-c", pinCpu);
        boolean pass = switch (mode) {
            case "soak" -> soak(o, root, out, pin);
            case "bad-input" -> badInput(o, root, out, pin);
            default -> throw new IllegalArgumentException("--mode must be soak or bad-input, not " + mode);
        };
        System.out.println("[soak] " + (pass ? "PASS" : "FAIL") + "; results in " + out);
        System.exit(pass ? 0 : 1);
    }

    private static boolean soak(BenchOptions o, Path root, Path out, List<String> pin) throws Exception {
        int duration = o.integer("duration", 3600);
        double warmup = o.decimal("warmup", Math.min(600, duration / 6.0));
        int every = o.integer("sample", 30);
        double maxHeapSlope = o.decimal("max.heap.slope", 5);
        double maxRssSlope = o.decimal("max.rss.slope", 20);
        double maxDrift = o.decimal("max.drift", 0.10);
        Map<String, Object> settings = clientSettings(o);
        settings.put("durationS", duration);
        List<MemorySample> samples = new ArrayList<>();
        Path csv = out.resolve("memory.csv");
        Files.writeString(csv, MemorySample.CSV_HEADER + "\n");
        Map<String, Object> clients;
        try (SoakServer server = SoakServer.start(root, o, pin, out.resolve("server.log"))) {
            settings.put("port", server.port());
            System.out.printf("[soak] server pid %d on port %d; %d s of clients, a sample every %d s%n", server.pid(), server.port(), duration, every);
            NodeClients node = NodeClients.start(root, "soak-clients.js", settings, pin, out.resolve("clients.log"));
            long next = System.nanoTime();
            boolean warm = false;
            while (node.alive() && !node.draining()) {
                MemorySample s = server.sample();
                if (!warm && s.seconds() >= warmup) {
                    warm = true;
                    Files.writeString(out.resolve("nmt-warmup.txt"), server.nativeMemory());
                }
                samples.add(s);
                Files.writeString(csv, s.csv() + "\n", java.nio.file.StandardOpenOption.APPEND);
                System.out.printf(Locale.ROOT, "[soak] t=%4.0fs heap after GC %.1f MiB, RSS %.1f MiB, threads %d, fds %d, prometheus %d B%n",
                        s.seconds(), s.heapMb(), s.rssMb(), s.threads(), s.fds(), s.prometheusBytes());
                next += every * 1_000_000_000L;
                while (node.alive() && !node.draining() && System.nanoTime() < next) Thread.sleep(200);
            }
            Files.writeString(out.resolve("nmt-end.txt"), server.nativeMemory());
            clients = node.await(300);
        }
        Flatness heap = Flatness.of(samples, MemorySample::heapMb, warmup, maxHeapSlope, maxDrift);
        Flatness rss = Flatness.of(samples, MemorySample::rssMb, warmup, maxRssSlope, maxDrift);
        boolean lossFree = Boolean.TRUE.equals(clients.get("lossFree")) && Boolean.TRUE.equals(clients.get("healthy"));
        boolean pass = heap.flat() && rss.flat() && lossFree;
        Files.writeString(out.resolve("memory.svg"), SvgChart.render(String.format(Locale.ROOT,
                "Reference server, %d min soak: heap after GC and RSS", Math.round(duration / 60.0)), samples, warmup, heap, rss));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "soak");
        result.put("pass", pass);
        result.put("options", o.given());
        result.put("warmupSeconds", warmup);
        result.put("samples", samples.size());
        result.put("heap", heap);
        result.put("rss", rss);
        result.put("limits", Map.of("maxHeapSlopeMiBPerHour", maxHeapSlope, "maxRssSlopeMiBPerHour", maxRssSlope, "maxDrift", maxDrift));
        result.put("prometheusBytes", List.of(samples.get(0).prometheusBytes(), samples.get(samples.size() - 1).prometheusBytes()));
        result.put("threads", List.of(samples.get(0).threads(), samples.get(samples.size() - 1).threads()));
        result.put("clients", clients);
        Files.writeString(out.resolve("result.json"), JSON.writeValueAsString(result));
        String summary = String.format(Locale.ROOT, """
                soak: %s
                  heap after GC: post-warm-up median %.1f MiB, last quarter %.1f MiB (%+.1f %%), slope over the second half %+.2f MiB/h (limit %.0f) -> %s
                  RSS:           post-warm-up median %.1f MiB, last quarter %.1f MiB (%+.1f %%), slope over the second half %+.2f MiB/h (limit %.0f) -> %s
                  clients: lossFree=%s healthy=%s claims=%s notifications=%s chats=%s churn sessions=%s (lost %s of %s) dashboard disconnects=%s non-readers dropped by the server=%s of %s
                """, pass ? "PASS" : "FAIL",
                heap.postWarmupMedianMb(), heap.lastQuarterMedianMb(), heap.drift() * 100, heap.slopeMbPerHour(), maxHeapSlope, heap.flat() ? "flat" : "NOT flat",
                rss.postWarmupMedianMb(), rss.lastQuarterMedianMb(), rss.drift() * 100, rss.slopeMbPerHour(), maxRssSlope, rss.flat() ? "flat" : "NOT flat",
                clients.get("lossFree"), clients.get("healthy"), clients.get("claimsPosted"), clients.get("notificationsPosted"),
                clients.get("chatConfirmed"), clients.get("churnSessions"), clients.get("churnLost"), clients.get("churnExpected"),
                clients.get("dashboardDisconnects"), clients.get("nonReadersDroppedByServer"), clients.get("nonReaderSessions"));
        Files.writeString(out.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        return pass;
    }

    private static boolean badInput(BenchOptions o, Path root, Path out, List<String> pin) throws Exception {
        int rounds = o.integer("rounds", 1);
        double maxGrowth = o.decimal("max.growth", 0.10);
        int settle = o.integer("settle", 15);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "bad-input");
        result.put("options", o.given());
        boolean pass = true;
        try (SoakServer server = SoakServer.start(root, o, pin, out.resolve("server.log"))) {
            Map<String, Object> settings = clientSettings(o);
            settings.put("port", server.port());
            settings.put("phase", "warmup");
            Map<String, Object> warm = NodeClients.start(root, "bad-input.js", settings, pin, out.resolve("warmup.log")).await(900);
            Thread.sleep(settle * 1000L);
            MemorySample before = server.sample();
            long baseline = server.heapAfterGcKb(3);
            System.out.printf(Locale.ROOT, "[soak] after warm-up: heap after GC %.1f MiB, RSS %.1f MiB, prometheus %d B%n",
                    baseline / 1024.0, before.rssMb(), before.prometheusBytes());
            result.put("warmup", warm);
            result.put("before", Map.of("heapAfterGcMiB", baseline / 1024.0, "rssMiB", before.rssMb(), "prometheusBytes", before.prometheusBytes(),
                    "threads", before.threads(), "fds", before.fds()));
            List<Map<String, Object>> after = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                settings.put("phase", "attack");
                Map<String, Object> attack = NodeClients.start(root, "bad-input.js", settings, pin, out.resolve("attack-" + r + ".log")).await(1800);
                Thread.sleep(settle * 1000L);
                MemorySample s = server.sample();
                long heap = server.heapAfterGcKb(3);
                double growth = (double) heap / baseline - 1;
                boolean ok = growth <= maxGrowth && Boolean.TRUE.equals(attack.get("healthy"));
                pass &= ok;
                System.out.printf(Locale.ROOT, "[soak] after attack round %d: heap after GC %.1f MiB (%+.1f %%), RSS %.1f MiB, prometheus %d B -> %s%n",
                        r + 1, heap / 1024.0, growth * 100, s.rssMb(), s.prometheusBytes(), ok ? "ok" : "FAIL");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", r + 1);
                row.put("heapAfterGcMiB", heap / 1024.0);
                row.put("growth", growth);
                row.put("rssMiB", s.rssMb());
                row.put("prometheusBytes", s.prometheusBytes());
                row.put("threads", s.threads());
                row.put("fds", s.fds());
                row.put("healthy", attack.get("healthy"));
                row.put("ms", attack.get("ms"));
                row.put("classes", attack.get("classes"));
                after.add(row);
            }
            result.put("after", after);
        }
        result.put("maxGrowth", maxGrowth);
        result.put("pass", pass);
        Files.writeString(out.resolve("result.json"), JSON.writeValueAsString(result));
        StringBuilder summary = new StringBuilder("bad-input heap check: " + (pass ? "PASS" : "FAIL") + "\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) result.get("before");
        summary.append(String.format(Locale.ROOT, "  before: heap after GC %.1f MiB, RSS %.1f MiB%n", (Double) b.get("heapAfterGcMiB"), (Double) b.get("rssMiB")));
        for (Map<String, Object> row : after(result)) {
            summary.append(String.format(Locale.ROOT, "  after round %s: heap after GC %.1f MiB (%+.1f %%, limit +%.0f %%), RSS %.1f MiB, healthy %s%n",
                    row.get("round"), (Double) row.get("heapAfterGcMiB"), (Double) row.get("growth") * 100, maxGrowth * 100, (Double) row.get("rssMiB"), row.get("healthy")));
        }
        Files.writeString(out.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        return pass;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> after(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("after");
    }

    /** What both node scripts get: where the server is, its API key and JWT secret, and any client counts given. */
    private static Map<String, Object> clientSettings(BenchOptions o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", "127.0.0.1");
        s.put("apiKey", SoakServer.API_KEY);
        s.put("jwtSecret", SoakServer.JWT_SECRET);
        for (String key : List.of("dashboards", "churners", "nonReaders", "claimEveryMs", "notifyEveryMs", "badEveryS", "statsEveryS")) {
            if (o.given().containsKey(key)) s.put(key, o.integer(key, 0));
        }
        return s;
    }
}
