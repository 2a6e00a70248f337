package dev.socketeer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An nginx of the test's own (the Debian package's binary, {@link Service#NGINX}), run as a child process
 * in the foreground ({@code daemon off}) with every file it writes in one directory: the configuration, the
 * pid file, the logs and the temp paths. The caller gives the {@code http}-level configuration (upstreams,
 * maps, a {@code server} listening on {@link #port()}); this class wraps it in a main configuration,
 * checks it with {@code nginx -t}, starts nginx and waits until the port accepts connections. Tests mark
 * themselves {@code @RequiresService(Service.NGINX)}.
 *
 * <p>{@link #STICKY} is the configuration the README's "Sticky sessions with nginx" shows: tests run it with
 * their own addresses ({@link #sticky}).
 *
 * <p>Lifecycle: {@link #start} returns a running nginx; {@link #close} stops it (SIGTERM, then SIGKILL).
 * Not thread safe: drive it from the test thread.
 */
public final class Nginx implements AutoCloseable {
    /**
     * The README's configuration, word for word ({@code nginx-sticky.conf} beside this class): two nodes at
     * 127.0.0.1:3001 and 127.0.0.1:3002, nginx listening on port 8080, sticky for long-polling by a cookie
     * naming the node that answered.
     */
    public static final String STICKY = resource("nginx-sticky.conf");

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final Process process;
    /** Stops nginx when the JVM exits without {@link #close} (a test run cut short). */
    private final Thread exitHook;

    private Nginx(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.exitHook = new Thread(process::destroy, "nginx-exit-hook");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** A loopback port free right now, for the {@code listen} directive of the configuration to start. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #STICKY} with nginx on 127.0.0.1:{@code listen} and the two nodes on these loopback ports. */
    public static String sticky(int listen, int nodeOne, int nodeTwo) {
        String config = replaceEvery(STICKY, "listen 8080;", "listen 127.0.0.1:" + listen + ";");
        config = replaceEvery(config, "127.0.0.1:3001", "127.0.0.1:" + nodeOne);
        return replaceEvery(config, "127.0.0.1:3002", "127.0.0.1:" + nodeTwo);
    }

    /** Replaces every {@code what}; fails when there is none (the template changed under its tests). */
    private static String replaceEvery(String text, String what, String with) {
        if (!text.contains(what)) throw new IllegalStateException("nginx-sticky.conf has no '" + what + "'");
        return text.replace(what, with);
    }

    private static String resource(String name) {
        try (var in = Nginx.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no resource " + name + " beside " + Nginx.class);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts nginx in {@code dir} (which must exist) with {@code httpConfig} inside its {@code http} block,
     * once {@code nginx -t} accepts it, and waits until {@code port} (where that configuration listens on
     * 127.0.0.1) accepts connections. The access log ({@link #accessLog()}) has one line per request:
     * {@code <request> <status> <upstream address> cookie=<Cookie header>}.
     *
     * @throws IllegalStateException with nginx's own words when the configuration is refused or nginx exits
     */
    public static Nginx start(Path dir, int port, String httpConfig) throws IOException {
        // Workers of an nginx started as root run as nobody: they must reach the temp paths in dir.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path site = dir.resolve("site.conf");
        Files.writeString(site, httpConfig, StandardCharsets.UTF_8);
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;",
                "events { worker_connections 512; }",
                "http {",
                "    log_format socketeer '$request $status $upstream_addr cookie=$http_cookie';",
                "    access_log " + dir.resolve("access.log") + " socketeer;",
                "    client_body_temp_path " + dir.resolve("client_body_temp") + ";",
                "    proxy_temp_path " + dir.resolve("proxy_temp") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi_temp") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi_temp") + ";",
                "    scgi_temp_path " + dir.resolve("scgi_temp") + ";",
                "    include " + site + ";",
                "}", ""), StandardCharsets.UTF_8);
        List<String> command = List.of(Service.NGINX.program().toString(), "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", main.toString());
        Process check = new ProcessBuilder(concat(command, "-t")).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(check) != 0) throw new IllegalStateException("nginx -t refused the configuration:\n" + checked);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(dir, port, process);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!nginx.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                nginx.close();
                throw new IllegalStateException("nginx did not start listening on 127.0.0.1:" + port + ":\n"
                        + nginx.errorLog());
            }
            sleepBriefly(); // polling a port that has no event to await
        }
        return nginx;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port nginx listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The complete lines of the access log so far (format: see {@link #start}). */
    public List<String> accessLog() {
        Path log = dir.resolve("access.log");
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            // a line nginx is writing right now has no newline yet
            return text.lines().limit(text.chars().filter(c -> c == '\n').count()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error log so far, for failure messages. */
    public String errorLog() {
        return String.join("\n", lines(dir.resolve("error.log"))) + "\n" + String.join("\n", lines(dir.resolve("stdout.log")));
    }

    /**
     * Stops nginx: SIGTERM (fast shutdown; the master stops its worker), SIGKILL after five seconds.
     * Idempotent.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops nginx
        }
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> command, String arg) {
        return Stream.concat(command.stream(), Stream.of(arg)).toList();
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nginx checked its configuration", e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nginx", e);
        }
    }
}
