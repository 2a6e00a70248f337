package dev.socketeer.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends one JSON object per line to {@code results.jsonl} and keeps them for the report.
 * Thread safe.
 */
public final class ResultWriter {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path file;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public ResultWriter(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Writes {@code row} (insertion-ordered keys) as one line and prints a short form to stdout. */
    public synchronized void write(Map<String, Object> row) {
        String line = MAPPER.writeValueAsString(row);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.add(row);
        System.out.println("[bench] " + line);
    }

    public synchronized List<Map<String, Object>> rows() {
        return List.copyOf(rows);
    }
}
