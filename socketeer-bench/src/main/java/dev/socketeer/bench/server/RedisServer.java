package dev.socketeer.bench.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} of the benchmark's own, on a free loopback port, without persistence: the shared
 * Redis of a cluster benchmark, so that other work on the machine's Redis neither disturbs it nor is
 * disturbed. Also a minimal RESP client for the few commands the harness sends (PUBSUB NUMSUB, INFO), and
 * the server's CPU and memory from {@code /proc}. Or, {@link #external}, a Redis that runs anyway (the
 * smoke test's): then nothing is started or stopped and its CPU and memory are not read.
 *
 * <p>Lifecycle: {@link #start} then {@link #close()} (SHUTDOWN NOSAVE, then kill). Threading: not thread safe.
 */
public final class RedisServer implements AutoCloseable {
    private final @Nullable Process process;
    private final String host;
    private final int port;

    private RedisServer(@Nullable Process process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /** A Redis already running at {@code url} ({@code redis://host:port}); {@link #close()} leaves it running. */
    public static RedisServer external(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return new RedisServer(null, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** Whether this harness started the server (and so can read its CPU and memory). */
    public boolean local() {
        return process != null;
    }

    /** Starts {@code redis-server} (or {@code -Dbench.redisServer}) behind {@code pinPrefix}; waits until it answers PING. */
    public static RedisServer start(List<String> pinPrefix, Path log) {
        int port = freePort();
        List<String> cmd = new ArrayList<>(pinPrefix);
        cmd.addAll(List.of(System.getProperty("bench.redisServer", "redis-server"), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
        Process p;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd + " (is redis-server installed?)", e);
        }
        RedisServer redis = new RedisServer(p, "127.0.0.1", port);
        // redis-server does not watch its stdin as the servers under test do: a harness that is killed
        // (SIGTERM, Ctrl-C) takes it along here
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "redis-server-" + port + "-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if ("PONG".equals(redis.command("PING"))) return redis;
            } catch (UncheckedIOException notYet) {
                sleep(50);
            }
        }
        redis.close();
        throw new IllegalStateException("redis-server did not answer on port " + port + " (see " + log + ")");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** The server's process id; -1 for an {@linkplain #external external} one. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * Sends one command and returns its reply as text: a simple string, an integer, a bulk string, or an
     * array's elements joined by newlines (one level deep, which is all PUBSUB NUMSUB and INFO need).
     */
    public String command(String... args) {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
            }
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return line.substring(1);
            }
            case '-' -> throw new IOException("redis error: " + line.substring(1));
            case '$' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) return null;
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) items.add(reply(in));
                return String.join("\n", items);
            }
            default -> throw new IOException("unexpected reply: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\r') {
                in.read();
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("connection closed");
    }

    /** Subscribers of {@code channel} (PUBSUB NUMSUB), i.e. the nodes of a socket.io Redis cluster on its request channel. */
    public int subscribers(String channel) {
        String[] r = command("PUBSUB", "NUMSUB", channel).split("\n");
        return Integer.parseInt(r[1]);
    }

    /** Waits until {@code channel} has {@code n} subscribers; false after {@code timeout}. */
    public boolean awaitSubscribers(String channel, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (subscribers(channel) >= n) return true;
            sleep(20);
        }
        return false;
    }

    /** User + system CPU time of redis-server in milliseconds, from {@code /proc/PID/stat}; -1 when external. */
    public long cpuMillis() {
        if (process == null) return -1;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident set size of redis-server in KiB; -1 when external. */
    public long rssKb() {
        if (process == null) return -1;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process == null) return;
        try {
            command("SHUTDOWN", "NOSAVE");
        } catch (UncheckedIOException expected) {
            // the connection drops as the server exits, or it was gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
