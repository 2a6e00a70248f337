package dev.socketeer.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saturation point and the p99 interpolation of the report, on hand-made ramps (pure units). */
class SaturationTest {

    private static Map<String, Object> step(int index, double target, double p99, double loss) {
        return Map.of("step", index, "targetPerSec", Math.round(target), "deliveredPerSec", target, "p99Ms", p99, "loss", loss);
    }

    @Test
    void saturationIsTheHighestPassingStepIncludingBisectionStepsAndAfterAHiccup() {
        List<Map<String, Object>> ramp = List.of(
                step(0, 10_000, 5, 0), step(1, 15_000, 120, 0), step(2, 22_500, 8, 0),
                step(3, 33_750, 150, 0), step(4, 50_625, 400, 0),
                // bisection between 22,500 (pass) and 33,750 (fail)
                step(5, 27_557, 40, 0), step(6, 30_495, 0.5, 0.01), step(7, 28_989, 90, 0));

        Saturation s = Saturation.of(ramp);

        assertThat(s.deliveredPerSec()).isEqualTo(28_989);
        assertThat(s.p99Ms()).isEqualTo(90);
        assertThat(s.reached()).isTrue();
    }

    @Test
    void aRampWithoutAFailingStepOnlyGivesALowerBound() {
        Saturation s = Saturation.of(List.of(step(0, 10_000, 5, 0), step(1, 15_000, 7, 0)));

        assertThat(s.deliveredPerSec()).isEqualTo(15_000);
        assertThat(s.reached()).isFalse();
    }

    @Test
    void p99BetweenStepsIsInterpolatedInLogLogAndExactOnAStep() {
        List<Map<String, Object>> ramp = List.of(step(0, 100_000, 4, 0), step(1, 150_000, 16, 0), step(2, 225_000, 64, 0));

        assertThat(Report.p99Interpolated(ramp, 150_000)).isEqualTo(16);
        // halfway in log(rate) between 100k and 150k: halfway in log(p99) between 4 and 16
        assertThat(Report.p99Interpolated(ramp, Math.sqrt(100_000.0 * 150_000))).isCloseTo(8, within(1e-9));
        assertThat(Report.p99Interpolated(ramp, 50_000)).isNaN();
        assertThat(Report.p99Interpolated(ramp, 300_000)).isNaN();
    }

    @Test
    void theP99CrossingIsInterpolatedBetweenTheHighestPassAndTheLowestFailAboveIt() {
        List<Map<String, Object>> ramp = List.of(
                step(0, 100_000, 10, 0), step(1, 150_000, 1000, 0),
                // bisection: 122,474 passes with 10 ms and 135,526 fails with 1,000 ms
                step(2, 122_474, 10, 0), step(3, 135_526, 1000, 0));

        // p99 10 -> 1000 between 122,474 and 135,526: 100 ms halfway in log-log
        assertThat(Saturation.p99CrossingRate(ramp)).isCloseTo(Math.sqrt(122_474.0 * 135_526), within(1e-6));
    }

    @Test
    void noP99CrossingWhenTheFailAboveWasLossOnlyOrNothingFailed() {
        List<Map<String, Object>> lossOnly = List.of(step(0, 100_000, 10, 0), step(1, 150_000, 20, 0.05));
        List<Map<String, Object>> noFail = List.of(step(0, 100_000, 10, 0), step(1, 150_000, 20, 0));
        // a failure below the highest pass (a hiccup) does not bracket the crossing
        List<Map<String, Object>> failBelow = List.of(step(0, 100_000, 500, 0), step(1, 150_000, 20, 0));

        assertThat(Saturation.p99CrossingRate(lossOnly)).isNaN();
        assertThat(Saturation.p99CrossingRate(noFail)).isNaN();
        assertThat(Saturation.p99CrossingRate(failBelow)).isNaN();
    }

    private static Map<String, Object> row(String scenario, String server, int index, double target, double p99) {
        Map<String, Object> r = new java.util.HashMap<>(step(index, target, p99, 0));
        r.put("scenario", scenario);
        r.put("server", server);
        r.put("config", "1x1000");
        r.put("repeat", 0);
        return r;
    }

    @Test
    void aProbeAtNodesCrossingRateReplacesTheInterpolationWithTheWorstProbedStep() {
        List<Map<String, Object>> node = List.of(row("fanout", "node", 0, 122_474, 10), row("fanout", "node", 1, 135_526, 1000));
        double crossing = Math.sqrt(122_474.0 * 135_526);
        List<Map<String, Object>> socketeer = List.of(row("fanout", "socketeer", 0, 100_000, 5), row("fanout", "socketeer", 1, 150_000, 50));
        List<Map<String, Object>> probes = List.of(row("fanout-probe", "socketeer", 0, crossing, 9),
                row("fanout-probe", "socketeer", 1, crossing, 12),
                row("fanout-probe", "socketeer", 0, 50_000, 99)); // another rate: not used

        String interpolated = Report.summarize(concat(node, socketeer));
        String probed = Report.summarize(concat(node, socketeer, probes));

        assertThat(interpolated).contains("where node's p99 passes 100 ms").contains("(interpolated)");
        assertThat(probed).contains("socketeer 12.00 ms (probed").contains("ratio 0.12");
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
