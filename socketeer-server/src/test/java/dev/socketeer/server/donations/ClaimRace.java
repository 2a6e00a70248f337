package dev.socketeer.server.donations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many NGOs claiming one donation at the same moment over real HTTP: one thread per token, all released by
 * one latch, each on its own connection. Stateless.
 */
final class ClaimRace {

    /** One claim's answer. */
    record Outcome(int status, String body) {}

    private ClaimRace() {}

    /** Claims donation {@code id} with every token at once; outcomes in the order of {@code tokens}. */
    static List<Outcome> run(int port, String id, List<String> tokens) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://localhost:" + port + "/api/v1/donations/" + id + "/claim");
        CountDownLatch ready = new CountDownLatch(tokens.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<Outcome>> claims = new ArrayList<>();
            for (String token : tokens) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                claims.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Outcome(response.statusCode(), response.body());
                }));
            }
            if (!ready.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("claim threads did not start");
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> claim : claims) outcomes.add(claim.get(60, TimeUnit.SECONDS));
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }
}
