package dev.socketeer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Describes the machine and versions for the first results line. Stateless. */
final class Environment {
    private Environment() {
    }

    static Map<String, Object> describe(BenchOptions o) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("scenario", "environment");
        env.put("nproc", count(Path.of("/proc/cpuinfo"), "processor"));
        env.put("generatorCpus", Runtime.getRuntime().availableProcessors());
        env.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
        env.put("memTotal", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("node", command("node", "--version"));
        env.put("loadAverage", firstLine(Path.of("/proc/loadavg")));
        env.put("options", o.given());
        env.put("serverJvm", o.string("jvm.opts", BenchMain.THROUGHPUT_JVM));
        env.put("connectServerJvm", o.string("connect.jvm.opts", BenchMain.CONNECT_JVM));
        return env;
    }

    private static String firstMatch(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long count(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException | IndexOutOfBoundsException e) {
            return "?";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
