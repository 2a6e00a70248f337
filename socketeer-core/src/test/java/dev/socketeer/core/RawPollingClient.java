package dev.socketeer.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare Engine.IO 4 polling client over {@link HttpClient}, for what the official clients will not
 * do: never answer a ping, never send a Socket.IO CONNECT. It does only what the test asks.
 *
 * <p>Not thread safe: one test thread drives it.
 */
final class RawPollingClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SEPARATOR = "\u001e";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(LiveServer.WAIT).build();
    private final String base;
    private final JsonNode open;

    private RawPollingClient(String base, JsonNode open) {
        this.base = base;
        this.open = open;
    }

    /** Performs the polling handshake against {@code http://127.0.0.1:port/socket.io/}. */
    static RawPollingClient handshake(int port) {
        String base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
        RawPollingClient probe = new RawPollingClient(base, null);
        HttpResponse<String> answer = probe.send(HttpRequest.newBuilder(URI.create(base)).GET());
        String body = answer.body();
        if (answer.statusCode() != 200 || !body.startsWith("0")) {
            throw new AssertionError("handshake failed: " + answer.statusCode() + " " + body);
        }
        JsonNode open = JSON.readTree(body.substring(1));
        return new RawPollingClient(base + "&sid=" + open.path("sid").asString(), open);
    }

    /** The Engine.IO session id from the OPEN packet. */
    String sid() {
        return open.path("sid").asString();
    }

    /** The OPEN packet's payload ({@code sid, upgrades, pingInterval, pingTimeout, maxPayload}). */
    JsonNode openPacket() {
        return open;
    }

    /** POSTs Engine.IO packets (e.g. {@code "40"}, {@code "40/chat,"}); returns the HTTP status. */
    int post(String... packets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base))
                .POST(HttpRequest.BodyPublishers.ofString(String.join(SEPARATOR, packets)))
                .header("Content-Type", "text/plain;charset=UTF-8");
        return send(request).statusCode();
    }

    /** One long-poll GET: the HTTP status and the packets it carried. */
    Poll poll() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base)).GET());
        List<String> packets = answer.statusCode() == 200 && !answer.body().isEmpty()
                ? List.of(answer.body().split(SEPARATOR)) : List.of();
        return new Poll(answer.statusCode(), packets);
    }

    /** What one GET returned. */
    record Poll(int status, List<String> packets) {
        /** Whether the server ended the session (a CLOSE packet, or the session is already unknown). */
        boolean closed() {
            return status == 400 || packets.contains("1");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
