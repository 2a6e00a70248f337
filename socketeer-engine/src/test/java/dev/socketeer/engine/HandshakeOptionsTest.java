package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class HandshakeOptionsTest {

    @Test
    void allowRequestDenialIsAnswered403WithItsMessage() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.allowRequest((req, cb) -> cb.deny("no \"token\"")))) {
            HttpResponse<String> res = s.get("EIO=4&transport=polling");
            assertThat(res.statusCode()).isEqualTo(403);
            assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(res.body()).isEqualTo("{\"code\":4,\"message\":\"no \\\"token\\\"\"}");
            assertThat(s.connections).isEmpty();
        }
    }

    @Test
    void allowRequestDenialRefusesAWebSocketHandshakeWith400AndTheMessage() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.allowRequest((req, cb) -> cb.deny("go away")));
                RawClient raw = new RawClient(s.http.port())) {
            raw.write(RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket"));
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("go away");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void handshakesBeyondMaxClientsAreRefusedLikeAnAllowRequestDenialUntilASessionEnds() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.maxClients(2));
                RawClient raw = new RawClient(s.http.port())) {
            String first = s.handshake();
            s.handshake();
            HttpResponse<String> res = s.get("EIO=4&transport=polling");
            assertThat(res.statusCode()).isEqualTo(403);
            assertThat(res.body()).isEqualTo("{\"code\":4,\"message\":\"too many clients\"}");
            raw.write(RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket"));
            RawClient.Response upgrade = raw.readResponse();
            assertThat(upgrade.status()).isEqualTo(400);
            assertThat(upgrade.text()).isEqualTo("too many clients");
            assertThat(s.connections).hasSize(2);

            assertThat(s.post("EIO=4&transport=polling&sid=" + first, "1").statusCode()).isEqualTo(200); // a client leaves
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> s.engine.clientsCount() == 1);
            assertThat(s.get("EIO=4&transport=polling").body()).startsWith("0{\"sid\":");
        }
    }

    @Test
    void allowRequestMayAnswerLaterFromAnotherThread() throws Exception {
        AtomicReference<EngineRequest> seen = new AtomicReference<>();
        try (EngineTestServer s = new EngineTestServer(b -> b.allowRequest((req, cb) -> {
            seen.set(req);
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(cb::allow);
        }))) {
            HttpResponse<String> res = s.send("EIO=4&transport=polling&token=abc", r -> r.header("X-Custom", "v1"));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).startsWith("0{\"sid\":");
            assertThat(seen.get().query()).containsEntry("token", "abc").containsEntry("EIO", "4");
            assertThat(seen.get().header("x-custom")).isEqualTo("v1");
            assertThat(seen.get().remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            WsRecorder ws = WsRecorder.connect(s.client, s.wsUrl("EIO=4&transport=websocket"));
            assertThat(ws.next()).startsWith("0{\"sid\":");
        }
    }

    @Test
    void allowRequestIsAskedBeforeTheProtocolVersionLikeNode() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.allowRequest((req, cb) -> cb.deny(null)))) {
            HttpResponse<String> res = s.get("EIO=3&transport=polling");
            assertThat(res.statusCode()).isEqualTo(403);
            assertThat(res.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        }
    }

    @Test
    void allowRequestIsNotAskedForRequestsOfAnOpenSession() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (EngineTestServer s = new EngineTestServer(b -> b.allowRequest((req, cb) -> {
            asked.incrementAndGet();
            cb.allow();
        }))) {
            String sid = s.handshake();
            s.post("EIO=4&transport=polling&sid=" + sid, "4x");
            assertThat(s.get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("4x");
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void cookieIsSetOnThePollingHandshakeOnly() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.cookie(CookieOptions.DEFAULT))) {
            HttpResponse<String> res = s.get("EIO=4&transport=polling");
            String sid = res.body().substring(9, 29);
            assertThat(res.headers().allValues("set-cookie")).containsExactly("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
            s.post("EIO=4&transport=polling&sid=" + sid, "4x");
            assertThat(s.get("EIO=4&transport=polling&sid=" + sid).headers().firstValue("set-cookie")).isEmpty();
        }
    }

    @Test
    void customCookieNameAndAttributes() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.cookie(new CookieOptions("lb", "/app", false, null)))) {
            HttpResponse<String> res = s.get("EIO=4&transport=polling");
            assertThat(res.headers().firstValue("set-cookie")).hasValueSatisfying(v -> assertThat(v).matches("lb=[\\w-]{20}; Path=/app"));
        }
    }

    @Test
    void noCookieWithoutTheOption() throws Exception {
        try (EngineTestServer s = new EngineTestServer()) {
            assertThat(s.get("EIO=4&transport=polling").headers().firstValue("set-cookie")).isEmpty();
        }
    }

    @Test
    void pollingDisabledRefusesAPollingHandshakeWithCode0() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.transports(EngineTransport.WEBSOCKET))) {
            HttpResponse<String> res = s.get("EIO=4&transport=polling");
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
            WsRecorder ws = WsRecorder.connect(s.client, s.wsUrl("EIO=4&transport=websocket"));
            assertThat(ws.next()).contains("\"upgrades\":[]");
        }
    }

    @Test
    void webSocketDisabledAdvertisesNoUpgradesAndRefusesWebSockets() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.transports(EngineTransport.POLLING))) {
            assertThat(s.get("EIO=4&transport=polling").body()).contains("\"upgrades\":[]");
            assertThatThrownBy(() -> WsRecorder.connect(s.client, s.wsUrl("EIO=4&transport=websocket")))
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        }
    }

    @Test
    void allowUpgradesFalseAdvertisesNoUpgrades() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.allowUpgrades(false))) {
            assertThat(s.get("EIO=4&transport=polling").body()).contains("\"upgrades\":[]");
        }
    }

    @Test
    void pollingAnswersAreNotCachedLikeNode() throws Exception {
        try (EngineTestServer s = new EngineTestServer()) {
            HttpResponse<String> open = s.get("EIO=4&transport=polling");
            assertThat(open.headers().firstValue("cache-control")).hasValue("no-store");
            String sid = open.body().substring(9, 29);
            HttpResponse<String> post = s.post("EIO=4&transport=polling&sid=" + sid, "4x");
            assertThat(post.headers().firstValue("content-type")).hasValue("text/html");
            assertThat(post.headers().firstValue("cache-control")).hasValue("no-store");
        }
    }

    @Test
    void handshakeAnswerCarriesOnlyTheOpenPacketEvenIfTheListenerSends() throws Exception {
        EngineServer engine = new EngineServer(EngineOptions.DEFAULT, socket -> {
            socket.setListener(new EngineSocket.Listener() {
                @Override
                public void onMessage(EngineSocket s, EngineMessage message) {
                }

                @Override
                public void onClose(EngineSocket s, CloseReason reason, String description) {
                }
            });
            socket.send(EngineMessage.text("welcome"));
        });
        try (EngineHttpServer http = EngineHttpServer.start(engine, "127.0.0.1", 0);
                EngineTestServer helper = new EngineTestServer()) {
            String base = "http://127.0.0.1:" + http.port() + "/socket.io/?EIO=4&transport=polling";
            HttpResponse<String> open = helper.client.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(open.body()).startsWith("0{").doesNotContain("\u001e");
            String sid = open.body().substring(9, 29);
            assertThat(helper.client.send(HttpRequest.newBuilder(URI.create(base + "&sid=" + sid)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("4welcome");
        }
    }

    @Test
    void requestsOutsideThePathAreLeftToTheNextHandler() throws Exception {
        try (EngineTestServer s = new EngineTestServer()) {
            HttpResponse<String> res = s.client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.http.port() + "/other?EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(s.send("EIO=4&transport=polling", r -> r.uri(URI.create(s.url("EIO=4&transport=polling")
                    .replace("/socket.io/", "/socket.io")))).statusCode()).isEqualTo(200);
        }
    }
}
