package dev.socketeer.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running server under test: launched (optionally CPU-pinned), its port read from its first stdout
 * line (or, when its command contains {@code {port}}, a free port substituted and waited for), its memory and CPU read from {@code /proc}, its heap through {@code jcmd}.
 *
 * <p>Lifecycle: {@link #start} then {@link #close()} (closes stdin, then SIGTERM, then kill). Output
 * after the first line goes to {@code log}. Threading: not thread safe.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("\"port\"\\s*:\\s*(\\d+)");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final ServerTarget target;
    private final Process process;
    private final int port;

    private ServerProcess(ServerTarget target, Process process, int port) {
        this.target = target;
        this.process = process;
        this.port = port;
    }

    /** Launches {@code target} behind {@code pinPrefix} (e.g. {@code taskset -c 0}, or empty). */
    public static ServerProcess start(ServerTarget target, List<String> pinPrefix, Path log) {
        return start(target, pinPrefix, log, java.util.Map.of());
    }

    /**
     * Like {@link #start(ServerTarget, List, Path)} with extra environment variables (e.g. a cluster node's
     * Redis URL).
     */
    public static ServerProcess start(ServerTarget target, List<String> pinPrefix, Path log, java.util.Map<String, String> env) {
        int fixedPort = target.command().stream().anyMatch(a -> a.contains("{port}")) ? freePort() : 0;
        List<String> cmd = new ArrayList<>(pinPrefix);
        target.command().forEach(a -> cmd.add(a.replace("{port}", Integer.toString(fixedPort))));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (fixedPort > 0) {
            // nothing to read from stdout: straight to the log, so a chatty server never blocks on a full pipe
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(fixedPort));
        Process p;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
        if (fixedPort > 0) {
            return awaitListening(target, p, fixedPort, log);
        }
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    // the port line may follow other output (e.g. JFR's startup message)
                    if (!first.isDone() && PORT.matcher(line).find()) {
                        first.complete(line);
                        continue;
                    }
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
                first.complete(null);
            } catch (IOException e) {
                first.completeExceptionally(e);
            }
        }, target.name() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = first.get(30, TimeUnit.SECONDS);
            Matcher m = line == null ? null : PORT.matcher(line);
            if (m == null || !m.find()) {
                throw new IllegalStateException(target.name() + " printed no port: " + line + " (see " + log + ")");
            }
            return new ServerProcess(target, p, Integer.parseInt(m.group(1)));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + target.name() + " did not start (see " + log + ")", e);
        }
    }

    /** For a command given {@code {port}}: waits until something accepts connections there. */
    private static ServerProcess awaitListening(ServerTarget target, Process p, int port, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new ServerProcess(target, p, port);
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("server " + target.name() + " did not listen on " + port + " (see " + log + ")");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerTarget target() {
        return target;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in KiB, from {@code /proc/PID/status}. */
    public long rssKb() {
        return statusField("VmRSS:");
    }

    /** The number of threads of the process, from {@code /proc/PID/status}. */
    public long threads() {
        return statusField("Threads:");
    }

    /** Voluntary plus involuntary context switches of all the process's threads so far. */
    public long contextSwitches() {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException threadGone) {
                    // the thread ended while we listed; its switches are lost, which only undercounts
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** User + system CPU time of the process in milliseconds (clock ticks of 10 ms). */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a JVM: runs a full GC and returns the heap in use after it, in KiB; -1 otherwise. */
    public long heapUsedAfterGcKb() {
        if (!target.jvm()) {
            return -1;
        }
        jcmd("GC.run");
        return heapUsedKb();
    }

    /** For a JVM: the heap in use now (live and not yet collected), in KiB, from {@code GC.heap_info}; -1 otherwise. */
    public long heapUsedKb() {
        if (!target.jvm()) {
            return -1;
        }
        long used = 0;
        for (String line : jcmd("GC.heap_info").split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
            }
        }
        return used;
    }

    /** Runs {@code jcmd PID args...} and returns its output. */
    public String jcmd(String... args) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid())));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd failed: " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
