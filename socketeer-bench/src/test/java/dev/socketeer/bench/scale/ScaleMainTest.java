package dev.socketeer.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code bench/cluster-scale.sh} alive at a small scale: three Socketeer nodes on the test Redis, one
 * worker process per node with 40 clients each, two broadcasts from the first node. Every client of every
 * node must receive each broadcast (two of three nodes only through Redis), and the results must carry the
 * nodes' memory and the delivery times. No timing is asserted.
 */
@RequiresService(Service.REDIS)
class ScaleMainTest {

    @Test
    void everyClientOfEveryNodeReceivesEachBroadcast(@TempDir Path out) throws Exception {
        boolean ok = ScaleMain.run(BenchOptions.parse("--nodes=3", "--clients=40", "--rate=400", "--broadcasts=2",
                "--gap.seconds=0.2", "--deliver.timeout=30", "--connect.timeout=60", "--redis=" + Service.REDIS.url(),
                "--node.jvm=-Xmx128m -XX:+UseSerialGC", "--worker.jvm=-Xmx128m -XX:+UseSerialGC",
                "--out=" + out, "--logs=" + out.resolve("logs")));

        assertThat(ok).as("the run completed: every client joined and received every broadcast").isTrue();
        JsonNode r = JsonMapper.builder().build().readTree(Files.readString(out.resolve("results.json")));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.path("joined").asInt()).isEqualTo(120);
        soft.assertThat(r.path("broadcasts")).hasSize(2);
        for (JsonNode cast : r.path("broadcasts")) {
            soft.assertThat(cast.path("received").asLong()).as("clients reached").isEqualTo(120);
            soft.assertThat(cast.path("lastMs").asDouble()).as("time until the last delivery").isPositive();
            soft.assertThat(cast.path("perNodeLastMs")).hasSize(3);
        }
        soft.assertThat(r.path("nodeMemory")).hasSize(3);
        for (JsonNode node : r.path("nodeMemory")) {
            soft.assertThat(node.path("rssKb").asLong()).isPositive();
            soft.assertThat(node.path("heapAfterFullGcKb").asLong()).isPositive();
        }
        soft.assertThat(r.path("disconnects").asInt()).isZero();
        soft.assertThat(out.resolve("summary.md")).content().contains("Time until the last delivery");
        soft.assertAll();
    }
}
