package dev.socketeer.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Turns result rows into the Markdown summary: fan-out saturation per server with ratios to Node and
 * to the plain ceiling, p99 at Node's saturation rate, acks, connections and memory, and the targets.
 * Values are medians over repeats. Stateless.
 */
public final class Report {
    private static final String NODE = "node";
    private static final String SOCKETEER = "socketeer";
    private static final String PLAIN = "plain";

    private Report() {
    }

    public static String summarize(List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder();
        List<String> servers = Rows.values(Rows.where(rows, r -> r.containsKey("server")), "server");
        List<String> checks = new ArrayList<>();
        for (String scenario : List.of("fanout", "polling", "cluster")) {
            List<Map<String, Object>> steps = Rows.where(rows, Rows.is("scenario", scenario));
            if (steps.isEmpty()) continue;
            md.append("\n### ").append(scenario).append(": saturation (delivered msg/s with p99 <= 100 ms and no loss)\n\n");
            if (scenario.equals("cluster")) {
                md.append("Two-node clusters on one Redis (publishers on the first node, subscribers on both); no target, for the record.\n\n");
            }
            md.append("| config | ").append(String.join(" | ", servers)).append(" | socketeer / node | socketeer / plain |\n");
            md.append("|---".repeat(servers.size() + 3)).append("|\n");
            for (String config : Rows.values(steps, "config")) {
                Map<String, Double> sat = new java.util.LinkedHashMap<>();
                md.append("| ").append(config);
                for (String server : servers) {
                    List<Saturation> runs = runs(steps, server, config);
                    double v = median(runs, Saturation::deliveredPerSec);
                    sat.put(server, v);
                    boolean lowerBound = runs.stream().anyMatch(s -> !s.reached());
                    md.append(" | ").append(runs.isEmpty() ? "–" : (lowerBound ? "≥ " : "") + fmt(v));
                }
                double vsNode = ratio(sat.get(SOCKETEER), sat.get(NODE));
                double vsPlain = ratio(sat.get(SOCKETEER), sat.get(PLAIN));
                md.append(" | ").append(fmt2(vsNode)).append(" | ").append(fmt2(vsPlain)).append(" |\n");
                if (scenario.equals("cluster")) {
                    checks.add("info: cluster " + config + " saturation socketeer/node: " + fmt2(vsNode));
                    md.append(p99AtNodeSaturation(scenario, steps, Rows.where(rows, Rows.is("scenario", scenario + "-probe")), config, checks));
                    continue;
                }
                checks.add(check(scenario + " " + config + " saturation socketeer/node >= 5", vsNode, v -> v >= 5));
                if (scenario.equals("fanout")) {
                    checks.add(check(scenario + " " + config + " socketeer/plain >= 0.75", vsPlain, v -> v >= 0.75));
                    md.append(p99AtNodeSaturation(scenario, steps, Rows.where(rows, Rows.is("scenario", PROBE)), config, checks));
                }
            }
        }
        md.append(ackTable(Rows.where(rows, Rows.is("scenario", "ack")), servers, checks));
        md.append(connectTable(Rows.where(rows, Rows.is("scenario", "connect")), servers, checks));
        md.append("\n### targets\n\n");
        checks.forEach(c -> md.append("- ").append(c).append('\n'));
        return md.toString();
    }

    /**
     * Socketeer's p99 at Node's saturation rate against Node's p99 there (same repeat), read two ways:
     * <ul>
     *   <li>the target: at the rate where Node's p99 passes 100 ms (the definition of the
     *       saturation point, interpolated between Node's highest passing and lowest failing step, see
     *       {@link Saturation#p99CrossingRate}), where Node's p99 is 100 ms by that definition; a repeat
     *       whose Node ramp failed on loss rather than p99 falls back to the second reading;</li>
     *   <li>stricter, shown beside it: at Node's highest passing step, with Node's p99 measured there
     *       (below 100 ms by however far the bisection stopped short of the cliff).</li>
     * </ul>
     * When the run probed Socketeer at Node's crossing rate ({@code fanout-probe} rows), the worst p99 of
     * those steps is used there. Otherwise, and for the stricter reading, when Socketeer's ramp has no step
     * at exactly the rate (the two ramps' steps land on different rates), its p99 there is interpolated
     * between its two neighbouring steps, linearly in log(rate) and log(p99). The line says which.
     */
    private static String p99AtNodeSaturation(String scenario, List<Map<String, Object>> steps, List<Map<String, Object>> probes,
            String config, List<String> checks) {
        P99Reading atCrossing = new P99Reading();
        P99Reading atStep = new P99Reading();
        for (int r : Rows.repeats(steps)) {
            List<Map<String, Object>> nodeRun = Rows.where(steps, run(NODE, config, r));
            Saturation n = Saturation.of(nodeRun);
            if (n.target() <= 0) continue;
            List<Map<String, Object>> own = Rows.where(steps, run(SOCKETEER, config, r));
            atStep.add(own, n.target(), n.p99Ms());
            double crossing = Saturation.p99CrossingRate(nodeRun);
            List<Map<String, Object>> probed = Rows.where(Rows.where(probes, run(SOCKETEER, config, r)),
                    p -> Rows.num(p, "targetPerSec") == Math.round(crossing)); // a probe at that very rate
            if (Double.isNaN(crossing)) {
                atCrossing.add(own, n.target(), n.p99Ms());
            } else if (!probed.isEmpty()) {
                atCrossing.addProbed(probed, crossing, Saturation.P99_LIMIT_MS);
            } else {
                atCrossing.add(own, crossing, Saturation.P99_LIMIT_MS);
            }
        }
        if (atStep.node.isEmpty()) return "";
        double ratio = atCrossing.ratio();
        String what = scenario + " " + config + " p99 at node's saturation rate (where node's p99 passes 100 ms) socketeer/node";
        checks.add(scenario.equals("fanout") ? check(what + " <= 0.2", ratio, v -> v <= 0.2) : "info: " + what + ": " + fmt2(ratio));
        checks.add("info: " + scenario + " " + config + " p99 at node's highest passing step socketeer/node (stricter reading; not the target): "
                + fmt2(atStep.ratio()));
        return atCrossing.line("where node's p99 passes 100 ms") + atStep.line("node's highest passing step");
    }

    /** Node's and Socketeer's p99 at one rate per repeat; accumulates on one thread. */
    private static final class P99Reading {
        final List<Double> node = new ArrayList<>();
        final List<Double> sock = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        boolean interpolated;
        boolean probed;

        /** Socketeer's p99 measured by probe steps at the rate: the worst of them. */
        void addProbed(List<Map<String, Object>> probeSteps, double rate, double nodeP99) {
            probed = true;
            node.add(nodeP99);
            sock.add(probeSteps.stream().mapToDouble(s -> Rows.num(s, "p99Ms")).max().orElse(Double.NaN));
            rates.add(rate);
        }

        void add(List<Map<String, Object>> socketeerRun, double rate, double nodeP99) {
            List<Map<String, Object>> at = Rows.where(socketeerRun, Rows.is("targetPerSec", Math.round(rate)));
            double p99 = at.isEmpty() ? p99Interpolated(socketeerRun, rate) : Rows.num(at.get(0), "p99Ms");
            if (!Double.isNaN(p99)) {
                interpolated |= at.isEmpty();
                node.add(nodeP99);
                sock.add(p99);
                rates.add(rate);
            }
        }

        double ratio() {
            return Report.ratio(Rows.median(sock).orElse(Double.NaN), Rows.median(node).orElse(Double.NaN));
        }

        String line(String where) {
            if (node.isEmpty()) return "";
            return String.format(Locale.ROOT, "|  ↳ p99 at node's saturation rate, %s (%s/s) | node %s ms | socketeer %s ms%s | ratio %s | |%n",
                    where, fmt(Rows.median(rates).orElse(Double.NaN)), fmt2(Rows.median(node).orElse(Double.NaN)),
                    fmt2(Rows.median(sock).orElse(Double.NaN)),
                    probed ? " (probed: the worst of its steps at that rate)" : interpolated ? " (interpolated)" : "", fmt2(ratio()));
        }
    }

    /** Scenario of the probe rows ({@code FanoutScenario.PROBE}). */
    private static final String PROBE = "fanout-probe";

    /**
     * The rate at which Node's p99 passed 100 ms in fan-out layout {@code config}, repeat {@code repeat}
     * of {@code rows} (see {@link Saturation#p99CrossingRate}); NaN when it cannot be read.
     */
    public static double nodeP99CrossingRate(List<Map<String, Object>> rows, String config, int repeat) {
        return nodeP99CrossingRate(rows, "fanout", config, repeat);
    }

    /** {@link #nodeP99CrossingRate(List, String, int)} of scenario {@code scenario} ({@code fanout} or {@code cluster}). */
    public static double nodeP99CrossingRate(List<Map<String, Object>> rows, String scenario, String config, int repeat) {
        return Saturation.p99CrossingRate(Rows.where(Rows.where(rows, Rows.is("scenario", scenario)), run(NODE, config, repeat)));
    }

    /** The p99 of a ramp at {@code target} offered msg/s, interpolated in log-log between the steps around it; NaN outside. */
    static double p99Interpolated(List<Map<String, Object>> ramp, double target) {
        Map<String, Object> below = null;
        Map<String, Object> above = null;
        for (Map<String, Object> s : ramp) {
            double t = Rows.num(s, "targetPerSec");
            if (t <= target && (below == null || t > Rows.num(below, "targetPerSec"))) below = s;
            if (t >= target && (above == null || t < Rows.num(above, "targetPerSec"))) above = s;
        }
        if (below == null || above == null) return Double.NaN;
        double t0 = Rows.num(below, "targetPerSec");
        double t1 = Rows.num(above, "targetPerSec");
        double p0 = Math.max(0.01, Rows.num(below, "p99Ms"));
        double p1 = Math.max(0.01, Rows.num(above, "p99Ms"));
        if (t1 == t0) return p0;
        double f = Math.log(target / t0) / Math.log(t1 / t0);
        return Math.exp(Math.log(p0) + f * (Math.log(p1) - Math.log(p0)));
    }

    private static String ackTable(List<Map<String, Object>> acks, List<String> servers, List<String> checks) {
        if (acks.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n### ack: echo round trips\n\n| server | config | acks/s | p50 ms | p99 ms | p999 ms | server CPU % |\n|---|---|---|---|---|---|---|\n");
        for (String s : servers) {
            List<Map<String, Object>> r = Rows.where(acks, Rows.is("server", s));
            if (r.isEmpty()) continue;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", s, r.get(0).get("config"),
                    fmt(med(r, "acksPerSec")), fmt2(med(r, "p50Ms")), fmt2(med(r, "p99Ms")), fmt2(med(r, "p999Ms")),
                    fmt(med(r, "serverCpuPct"))));
        }
        double ratio = ratio(med(Rows.where(acks, Rows.is("server", SOCKETEER)), "acksPerSec"),
                med(Rows.where(acks, Rows.is("server", NODE)), "acksPerSec"));
        md.append("\nacks/s socketeer / node: ").append(fmt2(ratio)).append('\n');
        checks.add(check("acks/s socketeer/node >= 3", ratio, v -> v >= 3));
        return md.toString();
    }

    private static String connectTable(List<Map<String, Object>> conns, List<String> servers, List<String> checks) {
        if (conns.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n### connect: idle websocket connections\n\n"
                + "| server | requested | connected | connects/s | connect p99 ms | hold s | disconnects | RSS KB/conn | heap KB/conn |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String s : servers) {
            List<Map<String, Object>> r = Rows.where(conns, Rows.is("server", s));
            if (r.isEmpty()) continue;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", s, fmt(med(r, "requested")),
                    fmt(med(r, "connected")), fmt(med(r, "connectsPerSec")), fmt2(med(r, "p99Ms")), fmt(med(r, "holdSeconds")),
                    fmt(max(r, "disconnectsDuringHold")), fmt2(med(r, "rssPerConnKb")),
                    med(r, "heapPerConnKb") < 0 ? "–" : fmt2(med(r, "heapPerConnKb")))); // -1: no JVM heap (node)
        }
        List<Map<String, Object>> sock = Rows.where(conns, Rows.is("server", SOCKETEER));
        double ratio = ratio(med(sock, "rssPerConnKb"), med(Rows.where(conns, Rows.is("server", NODE)), "rssPerConnKb"));
        md.append("\nRSS per connection socketeer / node: ").append(fmt2(ratio)).append('\n');
        checks.add(check("memory per idle websocket socketeer/node <= 0.5 (RSS)", ratio, v -> v <= 0.5));
        if (!sock.isEmpty()) {
            boolean held = sock.stream().allMatch(r -> Rows.num(r, "connected") >= 19_000 && Rows.num(r, "disconnectsDuringHold") == 0);
            checks.add((held ? "PASS" : "FAIL") + ": socketeer holds 19,000 idle websockets with no disconnects (hold "
                    + fmt(med(sock, "holdSeconds")) + " s, connected " + fmt(med(sock, "connected")) + ")");
        }
        return md.toString();
    }

    private static java.util.function.Predicate<Map<String, Object>> run(String server, String config, int repeat) {
        return Rows.is("server", server).and(Rows.is("config", config)).and(Rows.is("repeat", repeat));
    }

    private static List<Saturation> runs(List<Map<String, Object>> steps, String server, String config) {
        List<Saturation> out = new ArrayList<>();
        for (int r : Rows.repeats(steps)) {
            List<Map<String, Object>> s = Rows.where(steps, run(server, config, r));
            if (!s.isEmpty()) out.add(Saturation.of(s));
        }
        return out;
    }

    private static double median(List<Saturation> runs, Function<Saturation, Double> f) {
        return Rows.median(runs.stream().map(f).toList()).orElse(Double.NaN);
    }

    private static double med(List<Map<String, Object>> rows, String key) {
        OptionalDouble m = Rows.median(rows.stream().map(r -> Rows.num(r, key)).toList());
        return m.orElse(Double.NaN);
    }

    private static double max(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToDouble(r -> Rows.num(r, key)).max().orElse(Double.NaN);
    }

    private static double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? Double.NaN : a / b;
    }

    private static String check(String what, double value, java.util.function.DoublePredicate ok) {
        if (Double.isNaN(value)) return "n/a: " + what + " (not measured)";
        return (ok.test(value) ? "PASS" : "FAIL") + ": " + what + " (measured " + fmt2(value) + ")";
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
