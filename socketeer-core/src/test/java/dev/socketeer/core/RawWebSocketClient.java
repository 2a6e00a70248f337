package dev.socketeer.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven Engine.IO 4 websocket connection (JDK {@link WebSocket}), for tests that must send
 * what no real client would. Answers pings by itself; records every other message: text as
 * {@code String}, binary frames as {@code byte[]}.
 *
 * <p>Threading: the JDK listener thread records; test methods may be called from one test thread.
 */
final class RawWebSocketClient implements AutoCloseable {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private RawWebSocketClient(int port) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Recorder()).get(10, TimeUnit.SECONDS);
    }

    /** Opens the connection and waits for the Engine.IO open packet. */
    static RawWebSocketClient open(int port, Duration wait) throws Exception {
        RawWebSocketClient client = new RawWebSocketClient(port);
        String open = client.nextText(wait);
        if (!open.startsWith("0{")) {
            throw new AssertionError("expected the open packet, got " + open);
        }
        return client;
    }

    /** Sends CONNECT to {@code "/"} and returns the CONNECT answer ({@code 40{"sid":...}}). */
    String connectMain(Duration wait) throws Exception {
        sendText("40");
        String answer = nextText(wait);
        if (!answer.startsWith("40{")) {
            throw new AssertionError("expected CONNECT, got " + answer);
        }
        return answer;
    }

    void sendText(String text) throws Exception {
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    /** The next recorded message, text or binary. */
    Object next(Duration wait) throws InterruptedException {
        Object message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + wait + (closed.isDone() ? " (closed: " + closed.join() + ")" : ""));
        }
        return message;
    }

    String nextText(Duration wait) throws InterruptedException {
        Object message = next(wait);
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text message, got " + message.getClass().getSimpleName());
        }
        return text;
    }

    byte[] nextBinary(Duration wait) throws InterruptedException {
        Object message = next(wait);
        if (!(message instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary frame, got " + message);
        }
        return bytes;
    }

    /** Completes with a description once the server closed the connection (close frame, error or EOF). */
    CompletableFuture<String> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.abort();
        }
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (message.equals("2")) {
                    webSocket.sendText("3", true);
                } else {
                    received.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                received.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
