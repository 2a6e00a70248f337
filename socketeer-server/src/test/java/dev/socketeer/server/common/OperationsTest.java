package dev.socketeer.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Public operations endpoints, CORS from {@code socketeer.cors.allowed-origins}, and unknown routes. */
@ServerTest
class OperationsTest {

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = new ApiTestClient(port).http();
    }

    @Test
    void healthIsPublicAndUp() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusIsPublicAndIncludesSocketeerMeters() {
        String body = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("socketeer_clients", "http_server_requests");
    }

    @Test
    void refusedSocketIoConnectsToUnknownNamespacesAddOneMetricSeries() {
        for (int i = 0; i < 20; i++) {
            String name = "/probe-" + i + "-" + "y".repeat(50_000);
            String open = http.get().uri("/socket.io/?EIO=4&transport=polling").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            String sid = open.replaceFirst("(?s)^0\\{\"sid\":\"([^\"]+)\".*$", "$1");
            String session = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
            http.post().uri(session).bodyValue("40" + name + ",").exchange().expectStatus().isOk();
            assertThat(http.get().uri(session).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody()).contains("Invalid namespace");
            http.post().uri(session).bodyValue("1").exchange().expectStatus().isOk();
        }
        String body = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body.length()).isLessThan(500_000);               // the 20 names were 1 MB
        assertThat(body).doesNotContain("/probe-").contains("socketeer_connect_errors_total{namespace=\"(unknown)\"}");
    }

    @Test
    void otherActuatorEndpointsNeedAToken() {
        http.get().uri("/actuator").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void corsPreflightAllowsConfiguredOriginsOnly() {
        http.options().uri("/api/v1/claims")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        http.options().uri("/api/v1/claims")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void malformedJsonIs400ProblemWithoutInternals() {
        http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Malformed JSON request body")
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }
}
