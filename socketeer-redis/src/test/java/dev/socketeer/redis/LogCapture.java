package dev.socketeer.redis;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the lines written to {@link System#err} (where the tests' slf4j-simple logs), still passing them
 * on, so that a test can count how often something was logged.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #close()} (which puts the previous stream back). Thread safe:
 * any thread may log while a test reads {@link #count}.
 */
final class LogCapture implements AutoCloseable {
    private final PrintStream previous;
    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        previous = System.err;
        System.setErr(new PrintStream(new LineTee(), true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** How many recorded lines contain all of {@code parts}. */
    synchronized long count(String... parts) {
        return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
    }

    /** The recorded lines containing {@code part}. */
    synchronized List<String> lines(String part) {
        return lines.stream().filter(line -> line.contains(part)).toList();
    }

    @Override
    public void close() {
        System.setErr(previous);
    }

    private final class LineTee extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            previous.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                synchronized (LogCapture.this) {
                    lines.add(text);
                }
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            previous.flush();
        }
    }
}
