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
import java.util.concurrent.TimeUnit;
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
        this(options, 0);
    }

    /** An engine served by {@code ioThreads} event loops (0: one per core). */
    EngineTestServer(UnaryOperator<EngineOptions.Builder> options, int ioThreads) {
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
        http = EngineHttpServer.start(engine, "127.0.0.1", 0, ioThreads);
    }

    EngineTestServer() {
        this(b -> b);
    }

    String url(String query) {
        return "http://127.0.0.1:" + http.port() + "/socket.io/?" + query;
    }

    /** The websocket URL of the engine path with {@code query}. */
    String wsUrl(String query) {
        return url(query).replace("http://", "ws://");
    }

    /** A websocket that asks to upgrade the polling session {@code sid}; nothing sent yet. */
    WsRecorder upgradeSocket(String sid) throws Exception {
        return WsRecorder.connect(client, wsUrl("EIO=4&transport=websocket&sid=" + sid));
    }

    /** A websocket upgrading the polling session {@code sid} that has sent {@code 2probe} and got {@code 3probe}. */
    WsRecorder probedSocket(String sid) throws Exception {
        WsRecorder ws = upgradeSocket(sid);
        ws.send("2probe");
        String answer = ws.next();
        if (!"3probe".equals(answer)) {
            throw new AssertionError("expected 3probe, got " + answer);
        }
        return ws;
    }

    /** Asserts that session {@code sid} still takes messages over polling and has not closed. */
    void assertStillPolling(String sid) throws Exception {
        post("EIO=4&transport=polling&sid=" + sid, "4still polling");
        if (!"still polling".equals(messages.poll(5, TimeUnit.SECONDS)) || !closes.isEmpty()) {
            throw new AssertionError("session " + sid + " no longer polls (closes: " + closes + ")");
        }
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
