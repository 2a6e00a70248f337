package dev.socketeer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.socketeer.bench.server.ServerTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the harness alive: every scenario runs for about two seconds with small counts against
 * Socketeer standalone and the Node reference server, and against the Spring-mounted reference server
 * when its jar is built (the root reactor packages socketeer-server before socketeer-bench), through the
 * same entry point as {@code bench/run.sh}. Asserts only that messages were delivered and results
 * written; no timing.
 */
class BenchSmokeTest {

    private static final Map<String, String> DELIVERED = Map.of(
            "fanout", "delivered", "polling", "delivered", "ack", "acks", "connect", "connected");

    @Test
    void everyScenarioDeliversAgainstSocketeerAndNode(@TempDir Path out) throws Exception {
        smoke(out, List.of("socketeer", "node"));
    }

    @Test
    void everyScenarioDeliversAgainstTheSpringReferenceServer(@TempDir Path out) throws Exception {
        assumeTrue(!ServerTargets.select(List.of("spring"), root(), List.of()).isEmpty(),
                "socketeer-server/target/socketeer-server.jar is not built (./mvnw -pl socketeer-server -am package)");
        smoke(out, List.of("spring"));
    }

    @Test
    void fanOutAndAcksDeliverAgainstThePlainNettyCeiling(@TempDir Path out) throws Exception {
        smoke(out, List.of("plain"), List.of("fanout", "ack", "connect"));
    }

    /**
     * The cluster scenario: two nodes of each server on the test Redis (a channel prefix of the run's own),
     * publishers on the first node, subscribers on both; then the probe at a given rate. Delivery to the
     * subscribers of the second node goes through Redis, so a delivered count of every expected message
     * shows the cross-node path works for both languages.
     */
    @Test
    @RequiresService(Service.REDIS)
    void clusterScenarioDeliversAcrossTwoNodesOfSocketeerAndNode(@TempDir Path out) throws Exception {
        boolean ok = BenchMain.run(BenchOptions.parse(
                "--out=" + out, "--root=" + root(), "--servers=socketeer,node", "--scenarios=cluster", "--cluster.redis=" + Service.REDIS.url(),
                "--repeats=1", "--pin.server=none", "--jvm.opts=-Xmx256m",
                "--warmup.seconds=0.3", "--warmup.publishes=200", "--step.seconds=1", "--drain.seconds=2",
                "--cluster.configs=2x20", "--cluster.publishers=2", "--cluster.start=400", "--cluster.maxSteps=1", "--probe.rate=800"));

        assertThat(ok).as("every cluster run completed").isTrue();
        List<JsonNode> rows = Files.readAllLines(out.resolve("results.jsonl")).stream()
                .map(JsonMapper.builder().build()::readTree).toList();
        SoftAssertions soft = new SoftAssertions();
        for (String scenario : List.of("cluster", "cluster-probe")) {
            for (String server : scenario.equals("cluster") ? List.of("socketeer", "node") : List.of("socketeer")) {
                List<JsonNode> steps = rows.stream()
                        .filter(r -> r.path("scenario").asString().equals(scenario) && r.path("server").asString().equals(server)).toList();
                soft.assertThat(steps).as(scenario + " on " + server).isNotEmpty();
                for (JsonNode step : steps) {
                    soft.assertThat(step.path("nodes").asInt()).as(scenario + " on " + server + ": nodes").isEqualTo(2);
                    soft.assertThat(step.path("delivered").asLong()).as(scenario + " on " + server + ": delivered, half through Redis")
                            .isPositive().isEqualTo(step.path("expected").asLong());
                }
            }
        }
        soft.assertThat(out.resolve("cluster-2x20.png")).exists();
        soft.assertAll();
    }

    private static void smoke(Path out, List<String> servers) throws Exception {
        smoke(out, servers, List.of("fanout", "ack", "connect", "polling"));
    }

    private static void smoke(Path out, List<String> servers, List<String> scenarios) throws Exception {
        boolean ok = BenchMain.run(BenchOptions.parse(
                "--out=" + out, "--root=" + root(), "--servers=" + String.join(",", servers),
                "--scenarios=" + String.join(",", scenarios),
                "--repeats=1", "--pin.server=none", "--jvm.opts=-Xmx256m", "--connect.jvm.opts=-Xmx256m",
                "--warmup.seconds=0.3", "--warmup.publishes=200", "--step.seconds=1", "--drain.seconds=1",
                "--fanout.configs=2x20", "--fanout.publishers=2", "--fanout.start=400", "--fanout.maxSteps=1",
                "--probe.rate=800",
                "--polling.configs=2x10", "--polling.publishers=2", "--polling.start=100", "--polling.maxSteps=1",
                "--ack.clients=4", "--ack.window=4", "--ack.seconds=1",
                "--connect.count=100", "--connect.rate=1000", "--connect.hold=1"));

        assertThat(ok).as("every scenario run completed").isTrue();
        List<JsonNode> rows = Files.readAllLines(out.resolve("results.jsonl")).stream()
                .map(JsonMapper.builder().build()::readTree).toList();
        SoftAssertions soft = new SoftAssertions();
        for (String server : servers) {
            DELIVERED.forEach((scenario, field) -> {
                if (!scenarios.contains(scenario)) {
                    return;
                }
                long delivered = rows.stream()
                        .filter(r -> r.path("scenario").asString().equals(scenario) && r.path("server").asString().equals(server))
                        .mapToLong(r -> r.path(field).asLong()).sum();
                soft.assertThat(delivered).as(scenario + " on " + server + ": " + field).isPositive();
            });
        }
        // the probe (here at the given probe.rate) runs Socketeer again at one rate after the ramps
        if (servers.contains("socketeer")) {
            soft.assertThat(rows.stream().filter(r -> r.path("scenario").asString().equals("fanout-probe")
                            && r.path("server").asString().equals("socketeer"))
                    .mapToLong(r -> r.path("delivered").asLong()).sum())
                    .as("fanout-probe on socketeer: delivered").isPositive();
        }
        soft.assertThat(out.resolve("summary.md")).exists();
        soft.assertThat(out.resolve("fanout-2x20.png")).exists();
        if (scenarios.contains("connect")) {
            soft.assertThat(out.resolve("memory-per-connection.png")).exists();
        }
        soft.assertAll();
    }

    /** The checkout root (holds compat/ and socketeer-server/), found upwards from the working directory. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compat/reference-server.js"))) {
                return p;
            }
        }
        throw new IllegalStateException("no compat/reference-server.js above " + Path.of("").toAbsolutePath());
    }
}
