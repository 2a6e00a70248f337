package dev.socketeer.spring.app;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnDisconnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** A gateway without authentication, exercising every kind of handler. */
@SocketGateway(namespace = "/chat", auth = AuthPolicy.NONE)
class ChatGateway {
    /** Released by the test to end {@code block}. */
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final List<String> disconnects = new CopyOnWriteArrayList<>();

    @OnConnect
    void connected(Socket socket) {
        socket.emit("welcome", socket.id());
    }

    @OnDisconnect
    void disconnected(Socket socket, DisconnectReason reason) {
        disconnects.add(reason.wireName());
    }

    @OnEvent("echo")
    Greeting echo(@Valid Greeting greeting) {
        return new Greeting(greeting.name().toUpperCase(java.util.Locale.ROOT));
    }

    @OnEvent("fail")
    void fail() {
        throw new SocketError("boom");
    }

    @OnEvent("crash")
    String crash() {
        throw new IllegalStateException("secret internals");
    }

    @OnEvent("mono")
    Mono<Map<String, String>> mono(Greeting greeting) {
        return Mono.delay(Duration.ofMillis(20)).map(t -> Map.of("hello", greeting.name()));
    }

    @OnEvent("monoError")
    Mono<String> monoError() {
        return Mono.error(new SocketError("mono failed"));
    }

    @OnEvent("future")
    CompletableFuture<String> future() {
        return CompletableFuture.supplyAsync(() -> "done");
    }

    @OnEvent("ping")
    String ping() {
        return "pong";
    }

    @OnEvent("block")
    void block(Socket socket) throws InterruptedException {
        boolean released = release.await(20, TimeUnit.SECONDS);
        socket.emit("woke", released);
    }
}
