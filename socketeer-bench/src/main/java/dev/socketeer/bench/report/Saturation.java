package dev.socketeer.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The saturation point of one fan-out ramp: the best step before p99 passed 100 ms or loss started
 * (the same thresholds that stop the ramp). Immutable.
 *
 * @param deliveredPerSec the delivered rate of the best passing step (0 if none passed)
 * @param target the offered rate of that step
 * @param p99Ms its p99
 * @param reached whether the ramp did pass a threshold (else the rate is only a lower bound)
 */
record Saturation(double deliveredPerSec, double target, double p99Ms, boolean reached) {
    static final double P99_LIMIT_MS = 100;
    static final double LOSS_LIMIT = 0.001;

    /**
     * The saturation of the steps of one run (one server, scenario, config, repeat): the highest
     * delivered rate among the steps that passed both thresholds.
     */
    static Saturation of(List<Map<String, Object>> steps) {
        Saturation best = new Saturation(0, 0, Double.NaN, false);
        boolean anyFailed = false;
        for (Map<String, Object> s : steps.stream().sorted(Comparator.comparingDouble(r -> Rows.num(r, "step"))).toList()) {
            if (Rows.num(s, "p99Ms") > P99_LIMIT_MS || Rows.num(s, "loss") > LOSS_LIMIT) {
                anyFailed = true;
            } else if (Rows.num(s, "deliveredPerSec") > best.deliveredPerSec) {
                best = new Saturation(Rows.num(s, "deliveredPerSec"), Rows.num(s, "targetPerSec"), Rows.num(s, "p99Ms"), false);
            }
        }
        return new Saturation(best.deliveredPerSec, best.target, best.p99Ms, anyFailed);
    }

    /**
     * The offered rate at which the p99 of the run passes {@value #P99_LIMIT_MS} ms, the issue's
     * definition of the saturation point: interpolated in log-log between the highest passing step and
     * the lowest failing step above it, when that step failed on p99. NaN when it failed on loss alone
     * (where loss starts is not bracketed by p99), when no step failed above the highest passing one, or
     * when none passed.
     */
    static double p99CrossingRate(List<Map<String, Object>> steps) {
        Saturation best = of(steps);
        if (best.target <= 0) return Double.NaN;
        Map<String, Object> fail = null;
        for (Map<String, Object> s : steps) {
            double t = Rows.num(s, "targetPerSec");
            boolean failed = Rows.num(s, "p99Ms") > P99_LIMIT_MS || Rows.num(s, "loss") > LOSS_LIMIT;
            if (failed && t > best.target && (fail == null || t < Rows.num(fail, "targetPerSec"))) fail = s;
        }
        if (fail == null || Rows.num(fail, "p99Ms") <= P99_LIMIT_MS) return Double.NaN;
        double t0 = best.target;
        double t1 = Rows.num(fail, "targetPerSec");
        double p0 = Math.max(0.01, best.p99Ms);
        double p1 = Rows.num(fail, "p99Ms");
        double f = Math.log(P99_LIMIT_MS / p0) / Math.log(p1 / p0);
        return Math.exp(Math.log(t0) + f * (Math.log(t1) - Math.log(t0)));
    }
}
