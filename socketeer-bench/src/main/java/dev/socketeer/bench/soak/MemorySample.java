package dev.socketeer.bench.soak;

import java.util.Locale;

/**
 * One reading of the server's memory during a soak: heap in use right after a full GC, resident set size,
 * threads, open file descriptors and the size of {@code /actuator/prometheus} (a metric-cardinality leak
 * shows there first). Immutable.
 *
 * @param seconds since the sampling began
 * @param heapAfterGcKb heap in use after {@code jcmd GC.run}, KiB (young and old, no metaspace)
 * @param rssKb {@code VmRSS}, KiB
 * @param threads the server's threads
 * @param fds the server's open file descriptors (-1 when unreadable)
 * @param prometheusBytes the body size of {@code /actuator/prometheus} (-1 when it could not be read)
 */
public record MemorySample(double seconds, long heapAfterGcKb, long rssKb, long threads, long fds, long prometheusBytes) {

    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER = "seconds,heap_after_gc_mib,rss_mib,threads,fds,prometheus_bytes";

    public double heapMb() {
        return heapAfterGcKb / 1024.0;
    }

    public double rssMb() {
        return rssKb / 1024.0;
    }

    /** One CSV line (no newline). */
    public String csv() {
        return String.format(Locale.ROOT, "%.1f,%.2f,%.2f,%d,%d,%d", seconds, heapMb(), rssMb(), threads, fds, prometheusBytes);
    }
}
