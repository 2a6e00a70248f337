package dev.socketeer.server.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the WhatsApp Cloud API's {@code POST /{version}/{phone-number-id}/messages} (the JDK's
 * HTTP server on a free loopback port), so no test reaches the internet. It records every request and
 * answers like Meta: {@link #REFUSED_RECIPIENT} gets a 400 with Meta's error object, {@link #BROKEN_RECIPIENT}
 * a 500 that is not JSON, anyone else a 200 with a new {@code wamid}. Thread safe.
 */
final class FakeGraphApi implements AutoCloseable {
    static final String VERSION = "v21.0";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCESS_TOKEN = "fake-graph-access-token";
    static final String REFUSED_RECIPIENT = "15550000000";
    static final String BROKEN_RECIPIENT = "15550000001";
    static final String REFUSAL = "(#131030) Recipient phone number not in allowed list";

    /** One request as the fake received it. */
    record Received(String method, String path, String authorization, String contentType, JsonNode body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeGraphApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, as {@code socketeer.server.whatsapp.api-url}. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + VERSION;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            String to = body.path("to").asString("");
            if (to.equals(REFUSED_RECIPIENT)) {
                answer(exchange, 400, "{\"error\":{\"message\":\"" + REFUSAL + "\",\"type\":\"OAuthException\","
                        + "\"code\":131030,\"fbtrace_id\":\"AbCdEf\"}}");
            } else if (to.equals(BROKEN_RECIPIENT)) {
                answer(exchange, 500, "<html>upstream broke</html>");
            } else {
                answer(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to
                        + "\",\"wa_id\":\"" + to + "\"}],\"messages\":[{\"id\":\"wamid.TEST" + ids.incrementAndGet() + "\"}]}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
