package dev.socketeer.bench.scenario;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.LoadGenerator;
import dev.socketeer.bench.server.RedisServer;
import dev.socketeer.bench.server.ServerProcess;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a scenario run gets: the server under test (for a cluster: its first node, every node in
 * {@code nodes}, and the shared {@code redis}), the options, where results go, and helpers to talk to the
 * generator's event loop from the driver thread. Used by one driver thread.
 */
public record ScenarioContext(ServerProcess server, List<ServerProcess> nodes, @Nullable RedisServer redis,
                              BenchOptions options, ResultWriter results, int repeat) {

    public ScenarioContext {
        nodes = List.copyOf(nodes);
    }

    /** One server, no cluster. */
    public ScenarioContext(ServerProcess server, BenchOptions options, ResultWriter results, int repeat) {
        this(server, List.of(server), null, options, results, repeat);
    }

    /** The nodes of a cluster sharing {@code redis}; the first is {@link #server()}. */
    public static ScenarioContext cluster(List<ServerProcess> nodes, RedisServer redis, BenchOptions options,
                                          ResultWriter results, int repeat) {
        return new ScenarioContext(nodes.get(0), nodes, redis, options, results, repeat);
    }

    /** CPU time of every node, summed, in ms. */
    public long serverCpuMillis() {
        return nodes.stream().mapToLong(ServerProcess::cpuMillis).sum();
    }

    /** Context switches of every node's threads, summed. */
    public long serverContextSwitches() {
        return nodes.stream().mapToLong(ServerProcess::contextSwitches).sum();
    }

    /** Threads of every node, summed. */
    public long serverThreads() {
        return nodes.stream().mapToLong(ServerProcess::threads).sum();
    }

    /** Writes {@code text} to {@code name} beside the results file. */
    public void writeArtifact(String name, String text) {
        try {
            Files.writeString(results.file().resolveSibling(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new generator aimed at the server (at every node of a cluster, by index). */
    public LoadGenerator generator() {
        return new LoadGenerator("127.0.0.1", nodes.stream().map(ServerProcess::port).toList(), server.target().dialect());
    }

    /** A result row starting with the scenario, server and repeat. */
    public Map<String, Object> row(String scenario) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario);
        row.put("server", server.target().name());
        row.put("repeat", repeat);
        return row;
    }

    /** Runs {@code task} on {@code loop} and waits for its result. */
    public static <T> T call(EventLoop loop, Callable<T> task) {
        try {
            return loop.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Polls {@code condition} on {@code loop} every 20 ms until true; returns false after {@code timeout}. */
    public static boolean await(EventLoop loop, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (call(loop, condition::getAsBoolean)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this (the generator's) process in ms. */
    public static long selfCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
