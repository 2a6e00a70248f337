package dev.socketeer.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the PNG charts with XChart: per fan-out scenario and room layout, delivered rate against p99
 * (one line per server and repeat, log scale); and memory per idle connection per server. Stateless.
 */
public final class Charts {
    private Charts() {
    }

    /** Draws every chart the rows allow into {@code dir}; returns the files written. */
    public static List<Path> draw(List<Map<String, Object>> rows, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        for (String scenario : List.of("fanout", "polling", "cluster")) {
            List<Map<String, Object>> steps = Rows.where(rows, Rows.is("scenario", scenario));
            for (String config : Rows.values(steps, "config")) {
                written.add(latencyChart(Rows.where(steps, Rows.is("config", config)), scenario + " " + config,
                        dir.resolve(scenario + "-" + config + ".png")));
            }
        }
        List<Map<String, Object>> conns = Rows.where(rows, Rows.is("scenario", "connect"));
        if (!conns.isEmpty()) written.add(memoryChart(conns, dir.resolve("memory-per-connection.png")));
        return written;
    }

    private static Path latencyChart(List<Map<String, Object>> steps, String title, Path file) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title + ": delivered rate vs p99")
                .xAxisTitle("delivered messages/s").yAxisTitle("p99 latency (ms, log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (String server : Rows.values(steps, "server")) {
            for (int r : Rows.repeats(steps)) {
                // a step that delivered nothing (the server shed its slow consumers) has no latency to plot
                List<Map<String, Object>> s = new ArrayList<>(Rows.where(steps, Rows.is("server", server).and(Rows.is("repeat", r))
                        .and(m -> Rows.num(m, "deliveredPerSec") > 0)));
                if (s.isEmpty()) continue;
                s.sort(Comparator.comparingDouble(x -> Rows.num(x, "targetPerSec")));
                List<Double> x = s.stream().map(m -> Rows.num(m, "deliveredPerSec")).toList();
                List<Double> y = s.stream().map(m -> Math.max(0.01, Rows.num(m, "p99Ms"))).toList();
                chart.addSeries(server + " #" + (r + 1), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return save(chart, file);
    }

    private static Path memoryChart(List<Map<String, Object>> conns, Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title("server memory per idle websocket")
                .xAxisTitle("server").yAxisTitle("KB per connection").build();
        List<String> servers = Rows.values(conns, "server");
        List<Double> rss = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        for (String s : servers) {
            List<Map<String, Object>> r = Rows.where(conns, Rows.is("server", s));
            rss.add(Rows.median(r.stream().map(m -> Rows.num(m, "rssPerConnKb")).toList()).orElse(0));
            heap.add(Math.max(0, Rows.median(r.stream().map(m -> Rows.num(m, "heapPerConnKb")).toList()).orElse(0)));
        }
        chart.addSeries("RSS delta / conn", servers, rss);
        chart.addSeries("JVM heap after GC / conn", servers, heap);
        return save(chart, file);
    }

    private static Path save(Object chart, Path file) {
        try {
            if (chart instanceof XYChart xy) BitmapEncoder.saveBitmap(xy, file.toString(), BitmapFormat.PNG);
            else BitmapEncoder.saveBitmap((CategoryChart) chart, file.toString(), BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
