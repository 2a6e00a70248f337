package dev.socketeer.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code compat/} Node package and starts scripts from it. Stateless; safe from any thread.
 *
 * <p>{@code compat/} comes from the system property {@code socketeer.compat.dir} (set by the parent
 * pom's surefire configuration), else from walking up from the working directory. The {@code node}
 * executable is {@code node} on the PATH unless the system property {@code socketeer.node} names one.
 */
final class NodeLauncher {

    static final String COMPAT_DIR_PROPERTY = "socketeer.compat.dir";
    static final String NODE_PROPERTY = "socketeer.node";

    private NodeLauncher() {}

    /** Returns the compat directory, failing fast when it or its {@code node_modules} is missing. */
    static Path compatDir() {
        Path dir = locate();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(dir.resolve("node_modules")
                    + " is missing: run npm ci in compat/ (cd " + dir + " && npm ci)");
        }
        return dir;
    }

    private static Path locate() {
        String configured = System.getProperty(COMPAT_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("driver.js"))) return dir;
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compat").resolve("driver.js"))) return p.resolve("compat");
        }
        throw new IllegalStateException("cannot find compat/driver.js: set -D" + COMPAT_DIR_PROPERTY
                + " (was " + configured + ") or run from inside the Socketeer checkout");
    }

    /** Starts {@code node <script> <args>} in the compat directory with piped stdin/stdout; stderr is forwarded. */
    static Process start(String script, List<String> args, String stderrPrefix, Map<String, String> env) {
        Path dir = compatDir();
        List<String> command = new ArrayList<>();
        command.add(System.getProperty(NODE_PROPERTY, "node"));
        command.add(dir.resolve(script).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            forwardLines(process.getErrorStream(), stderrPrefix, "stderr");
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + " (is node installed?)", e);
        }
    }

    /** Copies each line of {@code in} to {@link System#err} with a prefix, on a daemon thread. */
    static void forwardLines(InputStream in, String prefix, String streamName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) System.err.println(prefix + line);
            } catch (IOException ignored) {
                // the process is gone; nothing left to forward
            }
        }, prefix.trim() + "-" + streamName);
        t.setDaemon(true);
        t.start();
    }
}
