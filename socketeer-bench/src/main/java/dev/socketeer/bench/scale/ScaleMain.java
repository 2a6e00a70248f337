package dev.socketeer.bench.scale;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.BenchConnection;
import dev.socketeer.bench.client.Dialect;
import dev.socketeer.bench.client.LoadGenerator;
import dev.socketeer.bench.server.RedisServer;
import dev.socketeer.bench.server.ServerProcess;
import dev.socketeer.bench.server.ServerTarget;
import dev.socketeer.bench.server.SocketeerServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale-out run of issue 17 ({@code bench/cluster-scale.sh}): a redis-server of its own, {@code nodes}
 * (5) Socketeer nodes (the example server's room contract, {@link SocketeerServerMain}, on the classic
 * Redis adapter), one {@link ScaleWorker} process per node holding {@code clients} (19,000) websocket
 * clients of that node, all in one room; then {@code broadcasts} (5) single {@code roomMessage} publishes
 * from a client of the first node to the room, each reaching every client of every node. Per broadcast:
 * clients reached, time from the publish to the first and to the last delivery (overall and per node), and
 * the CPU the nodes and Redis spent on it; per node: RSS, heap in use and heap after a full GC once every
 * client has joined; Redis: CPU during the connect phase and the broadcasts ({@code INFO cpu} deltas) and
 * its RSS. Writes {@code results.json} and {@code summary.md} to {@code out} (replacing them) and prints
 * the summary. Nothing is pinned: the nodes, the workers and Redis share the machine's cores. With
 * {@code redis=<url>} it uses a running Redis instead of starting one (its CPU then includes whatever
 * else that Redis serves, and its RSS is not read).
 *
 * <p>Bounded: connecting gives up after {@code connect.timeout} seconds (reporting how many joined), each
 * broadcast after {@code deliver.timeout}. Every process it starts ends with it (their stdin closes).
 * Threading: the main thread drives; one thread per worker reads its output.
 */
public final class ScaleMain {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        System.exit(run(o) ? 0 : 1);
    }

    /** One line a worker printed. */
    private record Line(int worker, Map<String, Object> json) {
    }

    static boolean run(BenchOptions o) throws Exception {
        int nodes = o.integer("nodes", 5);
        int clients = o.integer("clients", 19_000);
        double rate = o.decimal("rate", 300);
        int broadcasts = o.integer("broadcasts", 5);
        int connectTimeout = o.integer("connect.timeout", (int) (2 * clients / rate) + 120); // twice the paced time: a loaded machine connects slower
        Path out = Paths.get(o.string("out", "bench/cluster-scale")).toAbsolutePath();
        Path logs = Paths.get(o.string("logs", System.getProperty("java.io.tmpdir") + "/socketeer-cluster-scale")).toAbsolutePath();
        Files.createDirectories(out);
        Files.createDirectories(logs);
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> nodeCmd = new ArrayList<>(List.of(javaBin));
        nodeCmd.addAll(split(o.string("node.jvm", "-Xms64m -Xmx1g -XX:+UseSerialGC")));
        nodeCmd.addAll(List.of("-cp", cp, SocketeerServerMain.class.getName()));
        ServerTarget socketeer = new ServerTarget("socketeer", Dialect.SOCKET_IO, true, nodeCmd, true);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("machine", Map.of("nproc", Runtime.getRuntime().availableProcessors(), "memTotal", meminfo("MemTotal"),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "portRange", read("/proc/sys/net/ipv4/ip_local_port_range").trim().replace('\t', '-')));
        // other work on the machine shows here: the run's timings depend on it
        result.put("loadAverageAtStart", String.join(" ", Arrays.asList(read("/proc/loadavg").trim().split(" ")).subList(0, 3)));
        result.put("nodes", nodes);
        result.put("clientsPerNode", clients);
        result.put("requested", nodes * clients);
        result.put("connectRatePerWorker", rate);
        result.put("nodeJvm", o.string("node.jvm", "-Xms64m -Xmx1g -XX:+UseSerialGC"));

        List<ServerProcess> nodeProcs = new ArrayList<>();
        List<Process> workers = new ArrayList<>();
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        boolean ok = false;
        String external = o.string("redis", "");
        try (RedisServer redis = external.isBlank() ? RedisServer.start(List.of(), logs.resolve("redis.log")) : RedisServer.external(external)) {
            result.put("redisVersion", info(redis, "server").get("redis_version"));
            // a running Redis (the test's) may serve others: this cluster's channels are its own
            String key = external.isBlank() ? "scale" : "scale-" + Long.toHexString(System.nanoTime());
            Map<String, String> env = Map.of("SOCKETEER_REDIS_URL", redis.url(), "SOCKETEER_ADAPTER", "redis", "SOCKETEER_REDIS_KEY", key);
            for (int i = 0; i < nodes; i++) {
                nodeProcs.add(ServerProcess.start(socketeer, List.of(), logs.resolve("node" + i + ".log"), env));
            }
            if (!redis.awaitSubscribers(key + "-request#/#", nodes, java.time.Duration.ofSeconds(60))) {
                throw new IllegalStateException("only " + redis.subscribers(key + "-request#/#") + " of " + nodes + " nodes subscribed");
            }
            log("%d nodes up on ports %s; Redis on %d", nodes, nodeProcs.stream().map(ServerProcess::port).toList(), redis.port());
            double redisCpu0 = redisCpuSeconds(redis);
            long t0 = System.nanoTime();
            for (int i = 0; i < nodes; i++) {
                List<String> cmd = new ArrayList<>(List.of(javaBin));
                cmd.addAll(split(o.string("worker.jvm", "-Xms256m -Xmx1536m -XX:+UseSerialGC -Dio.netty.leakDetection.level=disabled")));
                cmd.addAll(List.of("-cp", cp, ScaleWorker.class.getName(), "--port=" + nodeProcs.get(i).port(), "--count=" + clients,
                        "--rate=" + rate, "--connect.timeout=" + connectTimeout));
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("worker" + i + ".log").toFile())).start();
                workers.add(p);
                int index = i;
                Thread reader = new Thread(() -> readLines(index, p, lines), "worker-" + i + "-stdout");
                reader.setDaemon(true);
                reader.start();
            }
            // connect phase: every worker says ready
            int[] joined = new int[nodes];
            int[] failed = new int[nodes];
            boolean[] ready = new boolean[nodes];
            double[] seconds = new double[nodes];
            long lastProgress = 0;
            while (!allTrue(ready)) {
                Line l = lines.poll(connectTimeout + 60L, TimeUnit.SECONDS);
                if (l == null) throw new IllegalStateException("workers silent for " + (connectTimeout + 60) + " s");
                if (l.json().containsKey("joined")) {
                    joined[l.worker()] = ((Number) l.json().get("joined")).intValue();
                    failed[l.worker()] = ((Number) l.json().get("failed")).intValue();
                }
                if (Boolean.TRUE.equals(l.json().get("ready"))) {
                    ready[l.worker()] = true;
                    seconds[l.worker()] = ((Number) l.json().get("seconds")).doubleValue();
                    if (l.json().get("lastClose") != null) log("worker %d: last close: %s", l.worker(), l.json().get("lastClose"));
                }
                if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                    lastProgress = System.nanoTime();
                    log("joined %d (failed %d) of %d", Arrays.stream(joined).sum(), Arrays.stream(failed).sum(), nodes * clients);
                }
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            int totalJoined = Arrays.stream(joined).sum();
            result.put("joined", totalJoined);
            result.put("failed", Arrays.stream(failed).sum());
            result.put("joinedPerNode", Arrays.stream(joined).boxed().toList());
            result.put("connectSeconds", round(connectSeconds, 1));
            result.put("joinsPerSecond", Math.round(totalJoined / connectSeconds));
            double redisCpuConnect = redisCpuSeconds(redis) - redisCpu0;
            log("joined %d of %d in %.1f s", totalJoined, nodes * clients, connectSeconds);

            // memory of each node with every client joined
            List<Map<String, Object>> memory = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ServerProcess n = nodeProcs.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("node", i);
                m.put("clients", joined[i]);
                m.put("rssKb", n.rssKb());
                m.put("heapUsedKb", n.heapUsedKb());
                m.put("heapAfterFullGcKb", n.heapUsedAfterGcKb());
                m.put("threads", n.threads());
                memory.add(m);
            }
            result.put("nodeMemory", memory);

            // the broadcasts, from one client of node 0 (not in the room)
            List<Map<String, Object>> casts = new ArrayList<>();
            double redisCpuCasts = 0;
            try (LoadGenerator pubGen = new LoadGenerator("127.0.0.1", nodeProcs.get(0).port(), Dialect.SOCKET_IO)) {
                boolean[] connected = {false};
                BenchConnection pub = pubGen.loop().submit(() -> pubGen.websocket(new BenchConnection.Listener() {
                    @Override
                    public void onConnected(BenchConnection c) {
                        connected[0] = true;
                    }
                })).get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!pubGen.loop().submit(() -> connected[0]).get()) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("the publisher did not connect");
                    Thread.sleep(20);
                }
                lines.clear();
                for (int b = 0; b < broadcasts; b++) {
                    Thread.sleep((long) (o.decimal("gap.seconds", 3) * 1000));
                    double rc0 = redisCpuSeconds(redis);
                    long nc0 = nodeProcs.stream().mapToLong(ServerProcess::cpuMillis).sum();
                    long stamp = pubGen.loop().submit(() -> {
                        long s = System.nanoTime();
                        pub.send(Dialect.SOCKET_IO.publish("all", s));
                        return s;
                    }).get();
                    Map<String, Object> cast = awaitBroadcast(stamp, workers, lines, joined, o.integer("deliver.timeout", 60));
                    double rc = redisCpuSeconds(redis) - rc0;
                    redisCpuCasts += rc;
                    cast.put("redisCpuMs", round(rc * 1000, 2));
                    cast.put("nodesCpuMs", nodeProcs.stream().mapToLong(ServerProcess::cpuMillis).sum() - nc0);
                    casts.add(cast);
                    log("broadcast %d: %s", b, cast);
                }
            }
            result.put("broadcasts", casts);
            // what is still connected after the broadcasts
            for (Process w : workers) send(w, "report");
            int disconnects = 0;
            int reports = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reports < nodes && System.nanoTime() < deadline) {
                Line l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null && l.json().containsKey("disconnects")) {
                    reports++;
                    disconnects += ((Number) l.json().get("disconnects")).intValue();
                }
            }
            result.put("disconnects", disconnects);
            Map<String, Object> redisRow = new LinkedHashMap<>();
            redisRow.put("cpuSecondsConnectPhase", round(redisCpuConnect, 3));
            redisRow.put("cpuMsAllBroadcasts", round(redisCpuCasts * 1000, 2));
            redisRow.put("cpuSecondsTotal", round(redisCpuSeconds(redis), 3));
            redisRow.put("rssKb", redis.rssKb());
            redisRow.put("connectedClients", info(redis, "clients").get("connected_clients"));
            result.put("redis", redisRow);
            for (int i = 0; i < nodes; i++) {
                memory.get(i).put("rssKbAfterBroadcasts", nodeProcs.get(i).rssKb());
            }
            ok = casts.stream().allMatch(c -> c.get("received").equals(c.get("expected"))) && totalJoined == nodes * clients;
            result.put("complete", ok);
        } catch (RuntimeException e) {
            result.put("error", String.valueOf(e));
            e.printStackTrace();
        } finally {
            for (Process w : workers) closeQuietly(w);
            nodeProcs.forEach(ServerProcess::close);
            for (Process w : workers) {
                if (!w.waitFor(20, TimeUnit.SECONDS)) w.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        Files.writeString(out.resolve("results.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        String summary = summary(result);
        Files.writeString(out.resolve("summary.md"), summary);
        System.out.println(summary);
        return ok;
    }

    /** Collects the workers' lines for {@code stamp} until each reported every joined client, or after {@code timeoutSeconds} asks for a report. */
    private static Map<String, Object> awaitBroadcast(long stamp, List<Process> workers, BlockingQueue<Line> lines, int[] joined,
                                                     int timeoutSeconds) throws InterruptedException {
        int n = workers.size();
        long[] received = new long[n];
        long[] first = new long[n];
        long[] last = new long[n];
        boolean[] done = new boolean[n];
        boolean asked = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!allTrue(done)) {
            Line l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l == null) {
                if (System.nanoTime() > deadline) {
                    if (asked) break;
                    asked = true;
                    for (Process w : workers) send(w, "report");
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
                continue;
            }
            Object s = l.json().get("stamp");
            if (s == null || ((Number) s).longValue() != stamp) continue;
            int w = l.worker();
            received[w] = ((Number) l.json().get("received")).longValue();
            first[w] = ((Number) l.json().get("firstNs")).longValue();
            last[w] = ((Number) l.json().get("lastNs")).longValue();
            done[w] = received[w] >= joined[w];
        }
        Map<String, Object> cast = new LinkedHashMap<>();
        cast.put("expected", (long) Arrays.stream(joined).sum());
        cast.put("received", Arrays.stream(received).sum());
        long firstAll = Long.MAX_VALUE;
        long lastAll = 0;
        List<Double> perNodeLast = new ArrayList<>();
        List<Double> perNodeFirst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (received[i] == 0) {
                perNodeFirst.add(null);
                perNodeLast.add(null);
                continue;
            }
            firstAll = Math.min(firstAll, first[i]);
            lastAll = Math.max(lastAll, last[i]);
            perNodeFirst.add(round((first[i] - stamp) / 1e6, 1));
            perNodeLast.add(round((last[i] - stamp) / 1e6, 1));
        }
        cast.put("firstMs", lastAll == 0 ? null : round((firstAll - stamp) / 1e6, 1));
        cast.put("lastMs", lastAll == 0 ? null : round((lastAll - stamp) / 1e6, 1));
        cast.put("perNodeFirstMs", perNodeFirst);
        cast.put("perNodeLastMs", perNodeLast);
        return cast;
    }

    private static String summary(Map<String, Object> r) {
        StringBuilder md = new StringBuilder("# Cluster scale run (issue 17)\n\n");
        md.append(String.format(Locale.ROOT, "%s: %s Socketeer nodes (classic Redis adapter, one redis-server %s) × %,d websocket clients,"
                        + " one load-generator process per node, nothing pinned, %s cores; load average %s at the start.%n%n",
                r.get("date"), r.get("nodes"), r.get("redisVersion"), ((Number) r.get("clientsPerNode")).intValue(),
                ((Map<?, ?>) r.get("machine")).get("nproc"), r.get("loadAverageAtStart")));
        if (r.containsKey("error")) md.append("**Error:** ").append(r.get("error")).append("\n\n");
        if (r.containsKey("joined")) {
            md.append(String.format(Locale.ROOT, "Joined: %,d of %,d (failed %s) in %s s (%s joins/s); disconnects after the broadcasts: %s.%n%n",
                    ((Number) r.get("joined")).intValue(), ((Number) r.get("requested")).intValue(), r.get("failed"),
                    r.get("connectSeconds"), r.get("joinsPerSecond"), r.get("disconnects")));
        }
        Object casts = r.get("broadcasts");
        if (casts instanceof List<?> list && !list.isEmpty()) {
            md.append("| broadcast | clients reached | first delivery ms | last delivery ms | last per node ms | nodes CPU ms | Redis CPU ms |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            int i = 0;
            for (Object o : list) {
                Map<?, ?> c = (Map<?, ?>) o;
                md.append(String.format(Locale.ROOT, "| %d | %,d / %,d | %s | %s | %s | %s | %s |%n", i++, ((Number) c.get("received")).longValue(),
                        ((Number) c.get("expected")).longValue(), c.get("firstMs"), c.get("lastMs"), c.get("perNodeLastMs"),
                        c.get("nodesCpuMs"), c.get("redisCpuMs")));
            }
            md.append('\n');
            List<Double> later = list.stream().skip(1).map(o -> (Map<?, ?>) o).filter(c -> c.get("lastMs") != null)
                    .map(c -> ((Number) c.get("lastMs")).doubleValue()).sorted().toList();
            Map<?, ?> cold = (Map<?, ?>) list.get(0);
            if (!later.isEmpty()) {
                md.append(String.format(Locale.ROOT, "Time until the last delivery: %s ms for the first broadcast (on code the JIT had not"
                                + " compiled for it yet), then a median of %.1f ms (%.1f–%.1f ms) for the other %d.%n%n",
                        cold.get("lastMs"), median(later), later.get(0), later.get(later.size() - 1), later.size()));
            }
        }
        Object memory = r.get("nodeMemory");
        if (memory instanceof List<?> list && !list.isEmpty()) {
            md.append("| node | clients | RSS MiB | heap used MiB | heap after full GC MiB | RSS after broadcasts MiB |\n|---|---|---|---|---|---|\n");
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %s |%n", m.get("node"), ((Number) m.get("clients")).intValue(),
                        kb(m.get("rssKb")), kb(m.get("heapUsedKb")), kb(m.get("heapAfterFullGcKb")),
                        m.get("rssKbAfterBroadcasts") == null ? "–" : String.format(Locale.ROOT, "%.1f", kb(m.get("rssKbAfterBroadcasts")))));
            }
            md.append('\n');
        }
        if (r.get("redis") instanceof Map<?, ?> redis) {
            md.append(String.format(Locale.ROOT, "Redis: CPU %s s while the clients connected and joined, %s ms for all the broadcasts"
                            + " (INFO cpu deltas), %s s in all; RSS %.1f MiB.%n",
                    redis.get("cpuSecondsConnectPhase"), redis.get("cpuMsAllBroadcasts"), redis.get("cpuSecondsTotal"), kb(redis.get("rssKb"))));
        }
        return md.toString();
    }

    /** The median of sorted {@code values}. */
    private static double median(List<Double> values) {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double kb(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue() / 1024;
    }

    /** used_cpu_sys + used_cpu_user of INFO cpu, in seconds (microsecond resolution). */
    private static double redisCpuSeconds(RedisServer redis) {
        Map<String, String> cpu = info(redis, "cpu");
        return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
    }

    private static Map<String, String> info(RedisServer redis, String section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : redis.command("INFO", section).split("\r?\n")) {
            int c = l.indexOf(':');
            if (c > 0) out.put(l.substring(0, c), l.substring(c + 1).trim());
        }
        return out;
    }

    private static void readLines(int worker, Process p, BlockingQueue<Line> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("{")) continue;
                lines.add(new Line(worker, JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { })));
            }
        } catch (IOException | RuntimeException e) {
            log("worker %d output: %s", worker, e);
        }
    }

    private static void send(Process p, String line) {
        try {
            OutputStream in = p.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    private static boolean allTrue(boolean[] a) {
        for (boolean b : a) if (!b) return false;
        return true;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(" ")).filter(x -> !x.isBlank()).toList();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String meminfo(String key) {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).trim())
                .findFirst().orElse("?");
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[scale] " + format + "%n", args);
    }
}
