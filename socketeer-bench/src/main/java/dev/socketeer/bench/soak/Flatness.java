package dev.socketeer.bench.soak;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether one memory series of a soak is flat after warm-up. Two conditions, both needed:
 * <ul>
 *   <li><b>no trend</b>: the slope over the second half of the run (samples at or after half the last
 *       sample's time, all of them after warm-up) is at most {@code maxSlopeMbPerHour} MiB/h. A leak shows as
 *       a steady rise; by the second half the warm-up effects (JIT, pools and caches filling up to their
 *       bounds) are over. The slope is Theil–Sen's, the median of the slopes between every two samples: a
 *       reading that catches a burst in flight (a 1 MB body, a backlog of broadcasts) is an outlier that would
 *       tilt a least-squares line, not this one.</li>
 *   <li><b>no late step</b>: the median of the last quarter of the post-warm-up samples is within
 *       {@code maxDrift} (a fraction, e.g. 0.10) of the median of all post-warm-up samples; this catches a
 *       step up late in the run that a slope over the whole half could average away.</li>
 * </ul>
 * A pure function of its samples; immutable, thread safe.
 *
 * @param slopeMbPerHour Theil–Sen slope over the second half, MiB per hour
 * @param postWarmupMedianMb median after warm-up, MiB
 * @param lastQuarterMedianMb median of the last quarter of the post-warm-up samples, MiB
 * @param drift (last-quarter median / post-warm-up median) - 1
 * @param flat whether both conditions hold
 */
public record Flatness(double slopeMbPerHour, double postWarmupMedianMb, double lastQuarterMedianMb, double drift,
                       boolean flat) {

    /**
     * Judges {@code series} (MiB) of {@code samples}.
     *
     * @param warmupSeconds samples before this time are not judged
     * @throws IllegalArgumentException when fewer than 4 samples follow warm-up
     */
    public static Flatness of(List<MemorySample> samples, ToDoubleFunction<MemorySample> series, double warmupSeconds,
                              double maxSlopeMbPerHour, double maxDrift) {
        List<MemorySample> post = samples.stream().filter(s -> s.seconds() >= warmupSeconds).toList();
        if (post.size() < 4) {
            throw new IllegalArgumentException("need at least 4 samples after warm-up, have " + post.size());
        }
        double end = post.get(post.size() - 1).seconds();
        List<MemorySample> secondHalf = post.stream().filter(s -> s.seconds() >= end / 2).toList();
        double slopePerHour = slope(secondHalf.size() >= 2 ? secondHalf : post, series) * 3600;
        double median = median(post.stream().mapToDouble(series).toArray());
        double lastQuarter = median(post.subList(post.size() - Math.max(1, post.size() / 4), post.size()).stream()
                .mapToDouble(series).toArray());
        double drift = lastQuarter / median - 1;
        return new Flatness(slopePerHour, median, lastQuarter, drift,
                slopePerHour <= maxSlopeMbPerHour && Math.abs(drift) <= maxDrift);
    }

    /** Theil–Sen slope of {@code series} over time, per second: the median of all pairwise slopes. */
    static double slope(List<MemorySample> points, ToDoubleFunction<MemorySample> series) {
        int n = points.size();
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dt = points.get(j).seconds() - points.get(i).seconds();
                slopes[k++] = dt == 0 ? 0 : (series.applyAsDouble(points.get(j)) - series.applyAsDouble(points.get(i))) / dt;
            }
        }
        return k == 0 ? 0 : median(Arrays.copyOf(slopes, k));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
