package dev.socketeer.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A small, dependency-free SVG chart of a soak's memory over minutes: heap after GC (top panel) and RSS
 * (bottom), each on its own scale from zero, the warm-up shaded, the post-warm-up median dashed, the
 * judged slope written beside it. Stateless.
 */
public final class SvgChart {
    private static final int W = 760;
    private static final int PANEL = 230;
    private static final int LEFT = 60;
    private static final int RIGHT = 160;
    private static final int TOP = 36;
    private static final int GAP = 30;
    private static final int BOTTOM = 44;

    private SvgChart() {
    }

    /** The chart as SVG text. */
    public static String render(String title, List<MemorySample> samples, double warmupSeconds, Flatness heap, Flatness rss) {
        double maxT = Math.max(60, samples.stream().mapToDouble(MemorySample::seconds).max().orElse(60));
        int h = TOP + 2 * PANEL + GAP + BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, h));
        s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, h));
        s.append(f("<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        panel(s, TOP, samples, MemorySample::heapMb, maxT, warmupSeconds, "#1f77b4", "heap after GC", heap, false);
        panel(s, TOP + PANEL + GAP, samples, MemorySample::rssMb, maxT, warmupSeconds, "#d62728", "RSS", rss, true);
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes</text>%n", (LEFT + W - RIGHT) / 2, h - 8));
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, int top, List<MemorySample> samples, ToDoubleFunction<MemorySample> v, double maxT,
                              double warmup, String color, String label, Flatness judged, boolean xLabels) {
        double maxY = Math.max(1, samples.stream().mapToDouble(v).max().orElse(1));
        double step = niceStep(maxY / 5);
        double yTop = Math.ceil(maxY * 1.1 / step) * step;
        int bottom = top + PANEL;
        double wx = x(Math.min(warmup, maxT), maxT);
        s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n", LEFT, top, wx - LEFT, PANEL));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#777\">warm-up</text>%n", LEFT + 4, top + 14));
        for (double y = 0; y <= yTop + 1e-9; y += step) {
            double py = y(y, yTop, bottom);
            s.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, W - RIGHT, py, py));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, number(y)));
        }
        double minutes = maxT / 60;
        double xStep = niceStep(minutes / 8);
        for (double m = 0; m <= minutes + 1e-9; m += xStep) {
            double px = x(m * 60, maxT);
            s.append(f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", px, px, bottom, bottom + 4));
            if (xLabels) s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, bottom + 18, number(m)));
        }
        s.append(f("<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s, MiB</text>%n",
                top + PANEL / 2, top + PANEL / 2, label));
        s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, top, W - LEFT - RIGHT, PANEL));
        StringBuilder points = new StringBuilder();
        for (MemorySample p : samples) {
            points.append(f("%.1f,%.1f ", x(p.seconds(), maxT), y(v.applyAsDouble(p), yTop, bottom)));
        }
        s.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n", color, points.toString().trim()));
        double my = y(judged.postWarmupMedianMb(), yTop, bottom);
        s.append(f("<line x1=\"%.1f\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 4\"/>%n", wx, W - RIGHT, my, my, color));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", W - RIGHT + 8, top + 16, color, label));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"11\">median %.1f MiB</text>%n", W - RIGHT + 8, top + 32, color, judged.postWarmupMedianMb()));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"11\">slope %+.2f MiB/h</text>%n", W - RIGHT + 8, top + 46, color, judged.slopeMbPerHour()));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"11\">last quarter %+.1f %%</text>%n", W - RIGHT + 8, top + 60, color, judged.drift() * 100));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"11\" font-weight=\"bold\">%s</text>%n", W - RIGHT + 8, top + 76, color,
                judged.flat() ? "flat" : "NOT flat"));
    }

    private static double x(double seconds, double maxT) {
        return LEFT + seconds / maxT * (W - LEFT - RIGHT);
    }

    private static double y(double mb, double yTop, int bottom) {
        return bottom - mb / yTop * PANEL;
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (raw <= m * p) return m * p;
        }
        return 10 * p;
    }

    private static String number(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : f("%.1f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
