package dev.socketeer.bench.scenario;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds, recorded on one thread (the generator's loop). Not thread safe. */
final class Latency {
    private static final long MAX_MICROS = 600_000_000L;

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    void reset() {
        histogram.reset();
    }

    /** Adds p50 and p99 in milliseconds to {@code row} as {@code PREFIXP50Ms} and {@code PREFIXP99Ms}. */
    void putP50P99(Map<String, Object> row, String prefix) {
        row.put(prefix + "P50Ms", ms(histogram.getValueAtPercentile(50)));
        row.put(prefix + "P99Ms", ms(histogram.getValueAtPercentile(99)));
    }

    /** Adds p50/p90/p99/p999/max in milliseconds to {@code row}. */
    void putPercentiles(Map<String, Object> row) {
        row.put("p50Ms", ms(histogram.getValueAtPercentile(50)));
        row.put("p90Ms", ms(histogram.getValueAtPercentile(90)));
        row.put("p99Ms", ms(histogram.getValueAtPercentile(99)));
        row.put("p999Ms", ms(histogram.getValueAtPercentile(99.9)));
        row.put("maxMs", ms(histogram.getMaxValue()));
    }

    double p99Ms() {
        return ms(histogram.getValueAtPercentile(99));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
