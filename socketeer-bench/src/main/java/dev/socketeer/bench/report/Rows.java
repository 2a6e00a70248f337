package dev.socketeer.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Queries over result rows (the JSON lines as maps). Stateless. */
final class Rows {
    private Rows() {
    }

    static List<Map<String, Object>> where(List<Map<String, Object>> rows, Predicate<Map<String, Object>> p) {
        return rows.stream().filter(r -> !r.containsKey("error")).filter(p).toList();
    }

    static Predicate<Map<String, Object>> is(String key, Object value) {
        return r -> Objects.equals(String.valueOf(r.get(key)), String.valueOf(value));
    }

    static double num(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static List<String> values(List<Map<String, Object>> rows, String key) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String v = String.valueOf(r.get(key));
            if (r.get(key) != null && !out.contains(v)) out.add(v);
        }
        return out;
    }

    static TreeSet<Integer> repeats(List<Map<String, Object>> rows) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Map<String, Object> r : rows) {
            if (r.get("repeat") instanceof Number n) out.add(n.intValue());
        }
        return out;
    }

    static OptionalDouble median(List<Double> values) {
        List<Double> v = values.stream().filter(d -> !d.isNaN()).sorted().toList();
        if (v.isEmpty()) return OptionalDouble.empty();
        int n = v.size();
        return OptionalDouble.of(n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    }
}
