package dev.socketeer.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node script of {@code compat/soak/} run as a child process (pinned like the server): its JSON-lines
 * stdout is appended to a log and its last line kept as the result, its stderr goes to the same log.
 *
 * <p>Lifecycle: {@link #start}, then {@link #await} once. Threading: {@link #await} from one thread; the
 * stdout reader is the object's own thread.
 */
final class NodeClients {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Process process;
    private final Thread reader;
    private volatile String last = "";
    private volatile boolean draining;

    private NodeClients(Process process, Path log) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line;
                    if (line.contains("\"type\":\"draining\"")) draining = true;
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.length() < 400) System.out.println("[soak] clients: " + line);
                }
            } catch (IOException e) {
                System.err.println("[soak] reading the clients' output failed: " + e);
            }
        }, "node-clients-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node <script> <json of settings>} behind {@code pin} in {@code root}. */
    static NodeClients start(Path root, String script, Map<String, Object> settings, List<String> pin, Path log) {
        List<String> cmd = new ArrayList<>(pin);
        cmd.addAll(List.of(System.getProperty("socketeer.node", "node"), root.resolve("compat/soak").resolve(script).toString(),
                MAPPER.writeValueAsString(settings)));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(cmd).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            p.getOutputStream().close();
            return new NodeClients(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the script said its load is over (what follows is its tail: probes finishing, last deliveries). */
    boolean draining() {
        return draining;
    }

    /**
     * Waits up to {@code timeoutSeconds} for the script to end (killing it after that) and returns its last
     * stdout line parsed, plus {@code exitCode}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        try {
            if (last.startsWith("{")) result.putAll(MAPPER.readValue(last, Map.class));
        } catch (RuntimeException e) {
            result.put("unparsed", last);
        }
        result.put("exitCode", process.isAlive() ? -1 : process.exitValue());
        return result;
    }
}
