package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.testkit.LeakGuard;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class CorsTest {
    private static final String ALLOWED = "http://app.example";
    private final EngineTestServer server = new EngineTestServer(b -> b.cors(CorsOptions.newBuilder()
            .allowedOrigins(ALLOWED).allowCredentials(true).exposedHeaders("x-trace").build()));

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> handshakeFrom(EngineTestServer s, String origin) throws Exception {
        return s.send("EIO=4&transport=polling", r -> r.header("Origin", origin));
    }

    @Test
    void sendsNoCorsHeadersWithoutAPolicy() throws Exception {
        try (EngineTestServer plain = new EngineTestServer()) {
            HttpResponse<String> res = handshakeFrom(plain, ALLOWED);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().map().keySet()).noneMatch(h -> h.startsWith("access-control-")).doesNotContain("vary");
        }
    }

    @Test
    void echoesAnAllowedOriginWithVaryAndCredentials() throws Exception {
        HttpResponse<String> res = handshakeFrom(server, ALLOWED);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
        assertThat(res.headers().firstValue("vary")).hasValue("Origin");
        assertThat(res.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(res.headers().firstValue("access-control-expose-headers")).hasValue("x-trace");
        String sid = server.handshake();
        HttpResponse<String> post = server.send("EIO=4&transport=polling&sid=" + sid,
                r -> r.header("Origin", ALLOWED).POST(HttpRequest.BodyPublishers.ofString("4hi")));
        assertThat(post.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
    }

    @Test
    void requestWithoutOriginGetsVaryButNoAllowOriginLikeNode() throws Exception {
        HttpResponse<String> res = server.get("EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(res.headers().firstValue("vary")).hasValue("Origin");
        assertThat(res.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    }

    @Test
    void anyOriginIsAnsweredWithAWildcard() throws Exception {
        try (EngineTestServer any = new EngineTestServer(b -> b.cors(CorsOptions.newBuilder().allowedOrigins("*").build()))) {
            HttpResponse<String> res = handshakeFrom(any, "http://whoever.example");
            assertThat(res.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(res.headers().firstValue("vary")).isEmpty();
        }
    }

    @Test
    void preflightIsAnswered204WithMethodsAndTheRequestedHeaders() throws Exception {
        HttpResponse<String> res = server.send("EIO=4&transport=polling", r -> r.header("Origin", ALLOWED)
                .header("Access-Control-Request-Headers", "x-foo").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
        assertThat(res.headers().firstValue("access-control-allow-methods")).hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
        assertThat(res.headers().firstValue("access-control-allow-headers")).hasValue("x-foo");
        assertThat(res.headers().allValues("vary")).containsExactly("Origin, Access-Control-Request-Headers");
        assertThat(server.connections).isEmpty();
    }

    @Test
    void preflightAnnouncesConfiguredHeadersAndMaxAge() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.cors(CorsOptions.newBuilder().allowedOrigins(ALLOWED)
                .allowedHeaders("authorization", "x-a").maxAge(Duration.ofMinutes(10)).build()))) {
            HttpResponse<String> res = s.send("EIO=4&transport=polling", r -> r.header("Origin", ALLOWED)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(res.statusCode()).isEqualTo(204);
            assertThat(res.headers().firstValue("access-control-allow-headers")).hasValue("authorization,x-a");
            assertThat(res.headers().firstValue("access-control-max-age")).hasValue("600");
        }
    }

    @Test
    void disallowedOriginIsRefusedWith403() throws Exception {
        HttpResponse<String> res = handshakeFrom(server, "http://evil.example");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(res.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertThat(res.headers().firstValue("access-control-allow-origin")).isEmpty();
        String sid = server.handshake();
        HttpResponse<String> poll = server.send("EIO=4&transport=polling&sid=" + sid, r -> r.header("Origin", "http://evil.example"));
        assertThat(poll.statusCode()).isEqualTo(403);
        assertThat(server.connections).hasSize(1);
    }

    @Test
    void disallowedOriginPreflightIsRefusedWith403() throws Exception {
        HttpResponse<String> res = server.send("EIO=4&transport=polling", r -> r.header("Origin", "http://evil.example")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
    }

    @Test
    void webSocketFromAnAllowedOriginOpens() throws Exception {
        WsRecorder ws = new WsRecorder();
        ws.ws = server.client.newWebSocketBuilder().header("Origin", ALLOWED)
                .buildAsync(URI.create(server.url("EIO=4&transport=websocket").replace("http", "ws")), ws).join();
        assertThat(ws.next()).startsWith("0{\"sid\":");
    }

    @Test
    void webSocketFromADisallowedOriginIsRefused() {
        var builder = server.client.newWebSocketBuilder().header("Origin", "http://evil.example");
        assertThatThrownBy(() -> builder.buildAsync(URI.create(server.url("EIO=4&transport=websocket").replace("http", "ws")),
                new WsRecorder()).join())
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        assertThat(server.connections).isEmpty();
    }

    @Test
    void webSocketFromTheSameOriginOpensWithoutAPolicy() throws Exception {
        try (EngineTestServer plain = new EngineTestServer()) {
            WsRecorder ws = new WsRecorder();
            ws.ws = plain.client.newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + plain.http.port())
                    .buildAsync(URI.create(plain.url("EIO=4&transport=websocket").replace("http", "ws")), ws).join();
            assertThat(ws.next()).startsWith("0{\"sid\":");
        }
    }

    @Test
    void thePagesOwnOriginIsServedEvenWhenNotInTheAllowList() throws Exception {
        String own = "http://127.0.0.1:" + server.http.port();
        HttpResponse<String> res = handshakeFrom(server, own);
        assertThat(res.statusCode()).isEqualTo(200);
        WsRecorder ws = new WsRecorder();
        ws.ws = server.client.newWebSocketBuilder().header("Origin", own)
                .buildAsync(URI.create(server.wsUrl("EIO=4&transport=websocket")), ws).join();
        assertThat(ws.next()).startsWith("0{\"sid\":");
        assertThat(handshakeFrom(server, "http://127.0.0.1:1").statusCode()).isEqualTo(403); // another port is another origin
    }
}
