package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.testkit.LeakGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Many clients registering one name at once, over real HTTP: exactly one 201, every other one 409 with the
 * problem detail (never a 500, never a stack trace), whichever way the database reports the duplicate.
 * Subclasses choose the database.
 */
@ExtendWith(LeakGuard.class)
abstract class RegistrationRaceTest {

    private static final int CLIENTS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Test
    void concurrentRegistrationsOfOneNameGiveOne201AndOnly409s() {
        for (int round = 0; round < 3; round++) {
            String username = ApiTestClient.newUsername();
            List<HttpResponse<String>> answers = registerAtOnce(username);
            Map<Integer, Long> statuses = answers.stream()
                    .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
            assertThat(statuses).as("statuses of %s", username).containsExactlyInAnyOrderEntriesOf(
                    Map.of(201, 1L, 409, (long) CLIENTS - 1));
            for (HttpResponse<String> answer : answers) {
                if (answer.statusCode() != 409) continue;
                assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
                JsonNode problem = ApiTestClient.json(answer.body());
                assertThat(problem.path("detail").asString()).isEqualTo("Username '" + username + "' is already taken");
                assertThat(answer.body()).doesNotContain("Exception", "at org.", "at dev.");
            }
        }
    }

    private List<HttpResponse<String>> registerAtOnce(String username) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, CLIENTS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    // mixed case: the names collide only once normalised, as they do in the database
                    String name = i % 2 == 0 ? username : username.toUpperCase(java.util.Locale.ROOT);
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/register"))
                            .header("content-type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\"}"))
                            .build();
                    try {
                        start.await();
                        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, r -> new Thread(r, "register").start()))
                .toList();
        start.countDown();
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
