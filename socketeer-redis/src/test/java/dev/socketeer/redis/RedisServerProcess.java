package dev.socketeer.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of this test's own, a child process on a free port of 127.0.0.1 that keeps nothing
 * on disk, so a test can kill it (SIGKILL) and start it again on the same port. Its output is discarded.
 *
 * <p>Lifecycle: {@link #start()}, any number of {@link #kill()} / {@link #start()}, then {@link #close()}.
 * Not thread safe (test thread only).
 */
final class RedisServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private Process process;

    RedisServerProcess() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Whether {@code redis-server} is on the PATH. */
    static boolean installed() {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
    }

    /** {@code redis://127.0.0.1:PORT}. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again, after {@link #kill()}) and returns once it answers {@code PING}. */
    RedisServerProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running on port " + port);
        }
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue());
                }
                return answersPing();
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("redis-server did not answer on port " + port + " within " + START_TIMEOUT, e);
        }
        return this;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would: no connection is closed cleanly. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
