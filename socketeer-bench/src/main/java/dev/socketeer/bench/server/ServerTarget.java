package dev.socketeer.bench.server;

import dev.socketeer.bench.client.Dialect;
import java.util.List;

/**
 * A server under test: how to launch it (a command that listens on 127.0.0.1, on the port in the
 * {@code PORT} environment variable or a free one when it is 0, prints {@code {"port":N}} as its first
 * stdout line and exits when stdin closes) and which wire it speaks.
 *
 * @param name the short name used in results and tables, e.g. {@code node}
 * @param dialect the wire the load generator speaks to it
 * @param jvm whether the process is a JVM (heap is then measured with {@code jcmd})
 * @param command the command line, without the CPU pinning prefix
 * @param polling whether it serves Engine.IO long-polling
 */
public record ServerTarget(String name, Dialect dialect, boolean jvm, List<String> command, boolean polling) {
    public ServerTarget {
        command = List.copyOf(command);
    }

    /** This target with {@code option} added to the JVM options (no change for a non-JVM target). */
    public ServerTarget withJvmOption(String option) {
        if (!jvm) {
            return this;
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(command);
        cmd.add(1, option);
        return new ServerTarget(name, dialect, jvm, cmd, polling);
    }
}
