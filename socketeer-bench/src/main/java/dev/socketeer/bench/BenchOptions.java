package dev.socketeer.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a benchmark run, from {@code --key=value} arguments; every key has a default
 * (see BENCHMARKS.md for the list). Immutable after parsing; thread safe.
 */
public final class BenchOptions {
    private final Map<String, String> values = new LinkedHashMap<>();

    private BenchOptions() {
    }

    /** Parses {@code --key=value} arguments; fails on anything else. */
    public static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("expected --key=value, got: " + arg);
            }
            o.values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return o;
    }

    public String string(String key, String def) {
        return values.getOrDefault(key, def);
    }

    public int integer(String key, int def) {
        String v = values.get(key);
        return v == null ? def : Integer.parseInt(v);
    }

    public double decimal(String key, double def) {
        String v = values.get(key);
        return v == null ? def : Double.parseDouble(v);
    }

    /** A comma-separated list; empty entries dropped. */
    public List<String> list(String key, String def) {
        return Arrays.stream(string(key, def).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Every key given on the command line, for the results header. */
    public Map<String, String> given() {
        return Map.copyOf(values);
    }
}
