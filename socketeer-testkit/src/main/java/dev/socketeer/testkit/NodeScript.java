package dev.socketeer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a one-shot script of the {@code compat/} Node package (such as {@code upgrade-emit.js}) to its end
 * and returns what it printed; for scenarios the driver's command protocol cannot express, like code that
 * must run inside a client's own event handlers. Stateless; safe from any thread (each call is one process).
 */
public final class NodeScript {
    private NodeScript() {
    }

    /**
     * Runs {@code node compat/<script> <args>} and returns its stdout; fails when it does not exit with 0
     * within {@code timeout} (the process is then killed). Its stderr is forwarded to the test's.
     */
    public static String run(String script, List<String> args, Duration timeout) {
        Process process = NodeLauncher.start(script, args, "[" + script + "] ", Map.of());
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(script + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(script + " exited with " + process.exitValue());
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes(); // until the process closes stdout
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
