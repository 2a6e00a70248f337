package dev.socketeer.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test {@code EventSource}: reads {@code text/event-stream} over the JDK HTTP client and interprets it as
 * the HTML standard's EventSource does (fields {@code id}, {@code event}, {@code data}, {@code retry}; lines
 * starting with {@code :} are comments; a blank line dispatches; the last event ID survives events without
 * an {@code id}), and reconnects with {@code Last-Event-ID} like a browser. One test thread drives it; a
 * daemon thread reads the stream.
 */
public final class SseClient implements AutoCloseable {

    /** A dispatched message: {@code type} is null when the event had no {@code event:} field (an unnamed one). */
    public record Message(String type, String data, String lastEventId) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Message END = new Message("<end of stream>", "", "");

    private final URI uri;
    private final Map<String, String> headers;
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final String body;
    private volatile String lastEventId = "";

    private SseClient(URI uri, Map<String, String> headers, HttpResponse<InputStream> response) throws IOException {
        this.uri = uri;
        this.headers = headers;
        this.response = response;
        if (response.statusCode() == 200) {
            this.body = null;
            Thread reader = new Thread(this::read, "sse-client " + uri.getPath());
            reader.setDaemon(true);
            reader.start();
        } else {
            try (InputStream in = response.body()) {
                this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Opens {@code uri} with {@code Accept: text/event-stream} and these headers. */
    public static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(uri, headers, HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes this stream and opens a new one as a browser reconnects: same request plus {@code Last-Event-ID}. */
    SseClient reconnect() {
        close();
        Map<String, String> again = new LinkedHashMap<>(headers);
        if (!lastEventId.isEmpty()) again.put("Last-Event-ID", lastEventId);
        return open(uri, again);
    }

    public int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The body of a response that is not a stream (a problem detail). */
    String body() {
        return body;
    }

    /** The last event ID as the EventSource keeps it ({@code ""} before any {@code id:}). */
    String lastEventId() {
        return lastEventId;
    }

    public Message next(Duration timeout) {
        Message message = poll(messages, timeout);
        assertThat(message).as("an SSE message from %s within %s", uri.getPath(), timeout).isNotNull();
        assertThat(message).as("the stream is still open").isNotSameAs(END);
        return message;
    }

    List<Message> next(int count, Duration timeout) {
        List<Message> list = new ArrayList<>();
        for (int i = 0; i < count; i++) list.add(next(timeout));
        return list;
    }

    /** Fails if a message arrives within {@code quiet}. */
    void assertNoMessage(Duration quiet) {
        assertThat(poll(messages, quiet)).as("no SSE message from %s", uri.getPath()).isNull();
    }

    String nextComment(Duration timeout) {
        String comment = poll(comments, timeout);
        assertThat(comment).as("an SSE comment within %s", timeout).isNotNull();
        return comment;
    }

    /** Waits for the server to end the stream (messages before the end are skipped). */
    boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Message m; (m = poll(messages, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null; ) {
            if (m == END) return true;
        }
        return false;
    }

    /** Drops the connection, as {@code EventSource.close()} does. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
    }

    private void read() {
        StringBuilder data = new StringBuilder();
        String type = null;
        String idBuffer = "";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {   // CRLF, LF and CR all end a line
                if (line.isEmpty()) {
                    lastEventId = idBuffer;
                    if (data.length() > 0) {
                        data.setLength(data.length() - 1);
                        messages.add(new Message(type, data.toString(), idBuffer));
                    }
                    data.setLength(0);
                    type = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) value = value.substring(1);
                    switch (field) {
                        case "data" -> data.append(value).append('\n');
                        case "event" -> type = value;
                        case "id" -> idBuffer = value.indexOf('\0') >= 0 ? idBuffer : value;
                        default -> { } // retry and unknown fields change nothing a test looks at
                    }
                }
            }
        } catch (IOException e) {
            // closed by close() or by the server
        }
        messages.add(END);
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
