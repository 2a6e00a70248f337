package dev.socketeer.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The soak's verdict on hand-made memory series (pure units): trends, outliers, late steps, warm-up. */
class FlatnessTest {

    /** One sample every 30 s for an hour, heap from {@code heapMb}, RSS 400 MiB. */
    private static List<MemorySample> hour(IntToDoubleFunction heapMb) {
        List<MemorySample> out = new ArrayList<>();
        for (int i = 0; i <= 120; i++) {
            out.add(new MemorySample(i * 30, Math.round(heapMb.applyAsDouble(i) * 1024), 400 * 1024, 40, 100, 30_000));
        }
        return out;
    }

    private static Flatness heap(List<MemorySample> samples) {
        return Flatness.of(samples, MemorySample::heapMb, 600, 5, 0.10);
    }

    @Test
    void aLevelSeriesWithNoiseIsFlat() {
        Flatness f = heap(hour(i -> 60 + ((i * 7919) % 5) - 2));

        assertThat(f.flat()).isTrue();
        assertThat(f.slopeMbPerHour()).isCloseTo(0, within(1.0));
        assertThat(f.postWarmupMedianMb()).isCloseTo(60, within(1.0));
    }

    @Test
    void aSteadyLeakOfTenMibPerHourIsNotFlat() {
        Flatness f = heap(hour(i -> 60 + i * 30 / 3600.0 * 10));

        assertThat(f.slopeMbPerHour()).isCloseTo(10, within(0.01));
        assertThat(f.flat()).isFalse();
    }

    @Test
    void spikesOfReadingsThatCaughtABurstInFlightDoNotTiltTheSlope() {
        // every sixth reading 30 MiB higher, more of them late than early: least squares would see a rise
        Flatness f = heap(hour(i -> 60 + (i % 6 == 0 && i > 90 ? 30 : 0)));

        assertThat(f.slopeMbPerHour()).isCloseTo(0, within(0.01));
        assertThat(f.flat()).isTrue();
    }

    @Test
    void aStepUpInTheLastQuarterIsNotFlatEvenWithoutATrendBeforeIt() {
        Flatness f = heap(hour(i -> i >= 95 ? 75 : 60));

        assertThat(f.drift()).isGreaterThan(0.10);
        assertThat(f.flat()).isFalse();
    }

    @Test
    void growthDuringWarmUpIsNotJudged() {
        Flatness f = heap(hour(i -> i < 20 ? 30 + i * 1.5 : 60));

        assertThat(f.flat()).isTrue();
        assertThat(f.postWarmupMedianMb()).isEqualTo(60);
    }

    @Test
    void theChartNamesBothSeriesAndTheirVerdicts() {
        List<MemorySample> samples = hour(i -> 60);
        Flatness f = heap(samples);
        Flatness rss = Flatness.of(samples, MemorySample::rssMb, 600, 20, 0.10);

        String svg = SvgChart.render("soak", samples, 600, f, rss);

        assertThat(svg).startsWith("<svg").contains("heap after GC", "RSS", "flat").doesNotContain("NOT flat");
    }
}
