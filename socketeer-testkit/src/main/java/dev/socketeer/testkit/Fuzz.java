package dev.socketeer.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A small property runner for fuzz tests: draws inputs from a seeded generator, checks a property on each,
 * and on the first failure shrinks the input (when a shrinker is given) and fails with the input, the
 * exception and the seed that reproduces it. Runs inside an ordinary JUnit test method, so surefire counts
 * each property as one test.
 *
 * <p>System properties (read at every {@link #check}):
 * <ul>
 *   <li>{@value #TRIES}: how many inputs per property (default {@value #DEFAULT_TRIES});</li>
 *   <li>{@value #SECONDS}: a time budget per property; the run stops at whichever of the two comes first
 *       (default: none);</li>
 *   <li>{@value #SEED}: the seed of the first try (default: random). Each try {@code i} uses seed
 *       {@code seed + i}, and a failure names its own seed, so {@code -Dsocketeer.fuzz.seed=<that> -Dsocketeer.fuzz.tries=1}
 *       replays exactly the failing input.</li>
 * </ul>
 * Each property prints one line to stdout: tries, time, seed.
 *
 * <p>Threading: a run happens on the calling thread; the class holds no state.
 */
public final class Fuzz {
    /** System property: inputs per property. */
    public static final String TRIES = "socketeer.fuzz.tries";
    /** System property: time budget per property, in seconds. */
    public static final String SECONDS = "socketeer.fuzz.seconds";
    /** System property: the seed of the first try. */
    public static final String SEED = "socketeer.fuzz.seed";
    /** Tries per property when {@value #TRIES} is not set. */
    public static final int DEFAULT_TRIES = 1000;

    private static final int MAX_SHOWN = 600;
    private static final int MAX_SHRINK_STEPS = 2000;

    /** A property over one input; any throwable is a failure. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /** What a run did. */
    public record Result(String property, long tries, long millis, long seed) {}

    private Fuzz() {}

    /** Checks {@code property} on inputs from {@code generator}, without shrinking. */
    public static <T> Result check(String name, Function<SplittableRandom, T> generator, Property<T> property) {
        return check(name, generator, input -> List.of(), property);
    }

    /**
     * Checks {@code property} on inputs from {@code generator}; a failing input is shrunk with
     * {@code shrinker} (candidates that are smaller, tried in order) while it still fails with the same
     * exception type.
     *
     * @throws AssertionError naming the (shrunk) input, its failure and the seed to replay it
     */
    public static <T> Result check(String name, Function<SplittableRandom, T> generator,
            Function<T, List<T>> shrinker, Property<T> property) {
        return check(name, DEFAULT_TRIES, generator, shrinker, property);
    }

    /**
     * As {@link #check(String, Function, Function, Property)}, with {@code defaultTries} when {@value #TRIES} is
     * not set: for properties whose tries are expensive (a connection each).
     */
    public static <T> Result check(String name, long defaultTries, Function<SplittableRandom, T> generator,
            Function<T, List<T>> shrinker, Property<T> property) {
        Objects.requireNonNull(name, "name");
        long tries = Long.getLong(TRIES, defaultTries);
        long budgetNanos = (long) (Double.parseDouble(System.getProperty(SECONDS, "0")) * 1e9);
        String seedProperty = System.getProperty(SEED);
        long seed = seedProperty != null ? Long.parseLong(seedProperty) : new SplittableRandom().nextLong();
        long start = System.nanoTime();
        long done = 0;
        for (; done < tries; done++) {
            if (budgetNanos > 0 && System.nanoTime() - start > budgetNanos) {
                break;
            }
            long trySeed = seed + done;
            T input = generator.apply(new SplittableRandom(trySeed));
            Throwable failure = failureOf(property, input);
            if (failure != null) {
                throw failed(name, trySeed, input, failure, shrinker, property);
            }
        }
        Result result = new Result(name, done, (System.nanoTime() - start) / 1_000_000, seed);
        System.out.printf("[fuzz] %s: %,d tries in %,d ms (seed %d)%n", name, result.tries(), result.millis(), seed);
        return result;
    }

    private static <T> @Nullable Throwable failureOf(Property<T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (Throwable t) { // StackOverflowError and OutOfMemoryError are findings too
            return t;
        }
    }

    private static <T> AssertionError failed(String name, long trySeed, T input, Throwable failure,
            Function<T, List<T>> shrinker, Property<T> property) {
        T smallest = input;
        Throwable smallestFailure = failure;
        int steps = 0;
        boolean progress = true;
        while (progress && steps < MAX_SHRINK_STEPS) {
            progress = false;
            for (T candidate : shrinker.apply(smallest)) {
                if (++steps > MAX_SHRINK_STEPS) {
                    break;
                }
                Throwable f = failureOf(property, candidate);
                if (f != null && f.getClass() == failure.getClass()) {
                    smallest = candidate;
                    smallestFailure = f;
                    progress = true;
                    break;
                }
            }
        }
        AssertionError error = new AssertionError(String.format(
                "property '%s' failed: %s%n  input (shrunk in %d steps): %s%n  original input: %s%n"
                        + "  replay: -D%s=%d -D%s=1",
                name, escape(String.valueOf(smallestFailure), 4 * MAX_SHOWN), steps, show(smallest), show(input), SEED, trySeed,
                TRIES), smallestFailure);
        return error;
    }

    /** An input for a failure message: strings and byte arrays escaped, long ones cut. */
    public static String show(@Nullable Object input) {
        if (input instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("bytes[" + bytes.length + "] ");
            for (int i = 0; i < Math.min(bytes.length, MAX_SHOWN / 2); i++) {
                hex.append(String.format("%02x", bytes[i]));
            }
            return hex.toString();
        }
        String s = escape(String.valueOf(input), MAX_SHOWN);
        return input instanceof String ? '"' + s + '"' : s;
    }

    /** {@code s} with control and non-ASCII chars as {@code \\uXXXX} (line breaks kept), cut at about {@code max} chars. */
    private static String escape(String s, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n') || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= max) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }

    /** Smaller versions of a string: halves, then each chunk removed, then single chars removed (bounded). */
    public static List<String> shrinkString(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        if (n == 0) {
            return out;
        }
        for (int chunk = Math.max(1, n / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from + chunk <= n && out.size() < 400; from += chunk) {
                out.add(s.substring(0, from) + s.substring(from + chunk));
            }
            if (chunk == 1) {
                break;
            }
        }
        return out;
    }
}
