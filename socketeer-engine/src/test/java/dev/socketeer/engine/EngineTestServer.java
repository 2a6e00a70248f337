package dev.socketeer.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/** A real engine on a free loopback port, an echo listener, and a recorder of what happened. */
final class EngineTestServer implements AutoCloseable {
    final EngineServer engine;
    final EngineHttpServer http;
    final BlockingQueue<EngineSocket> connections = new LinkedBlockingQueue<>();
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final List<String> closes = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    EngineTestServer(UnaryOperator<EngineOptions.Builder> options) {
        engine = new EngineServer(options.apply(EngineOptions.newBuilder()).build(), socket -> {
            connections.add(socket);
            socket.setListener(new EngineSocket.Listener() {
                @Override
                public void onMessage(EngineSocket s, EngineMessage message) {
                    messages.add(message.isBinary() ? "binary:" + message.binary().length : message.text());
                    s.send(message); // echo
                }

                @Override
                public void onClose(EngineSocket s, CloseReason reason, String description) {
                    closes.add(reason.wireName());
                }
            });
        });
        http = EngineHttpServer.start(engine, "127.0.0.1", 0);
    }

    EngineTestServer() {
        this(b -> b);
    }

    String url(String query) {
        return "http://127.0.0.1:" + http.port() + "/socket.io/?" + query;
    }

    HttpResponse<String> get(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(query))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String query, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(query))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the engine path, customised (headers, method), answered as a string. */
    HttpResponse<String> send(String query, UnaryOperator<HttpRequest.Builder> request) throws Exception {
        return client.send(request.apply(HttpRequest.newBuilder(URI.create(url(query))).timeout(Duration.ofSeconds(10))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #send} with the body as bytes (compressed responses). */
    HttpResponse<byte[]> sendForBytes(String query, UnaryOperator<HttpRequest.Builder> request) throws Exception {
        return client.send(request.apply(HttpRequest.newBuilder(URI.create(url(query))).timeout(Duration.ofSeconds(10))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Opens a polling session and returns its sid. */
    String handshake() throws Exception {
        HttpResponse<String> res = get("EIO=4&transport=polling");
        String body = res.body();
        if (res.statusCode() != 200 || !body.startsWith("0{")) {
            throw new AssertionError("handshake failed: " + res.statusCode() + " " + body);
        }
        int i = body.indexOf("\"sid\":\"") + 7;
        return body.substring(i, body.indexOf('"', i));
    }

    @Override
    public void close() {
        http.close();
    }
}
