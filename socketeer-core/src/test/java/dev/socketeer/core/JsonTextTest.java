package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;

/**
 * JSON text the official client reads as Node's server would have written it. Found by fuzzing: a string with a
 * lone surrogate (half of a pair, as a Java string cut in the wrong place holds) reached the client as {@code ?},
 * and a non-finite number as the string {@code "Infinity"}; {@code JSON.stringify} writes <code>&#92;udxxx</code> escapes
 * and {@code null}.
 */
@ExtendWith(LeakGuard.class)
class JsonTextTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void loneSurrogatesAndNonFiniteNumbersReachTheOfficialClientAsNodeWritesThem(String transport) {
        String text = "cut \ud83d, low \ude00, pair \ud83d\ude00";
        LiveServer server = e2e.start(io -> io.onConnection(socket ->
                socket.emit("text", text, Map.of("k\udbff", "\ud800"), Double.POSITIVE_INFINITY)));

        NodeClient client = e2e.connect(server.url("/"), Map.of("transports", List.of(transport), "forceNew", true));

        ArrayNode args = client.awaitEvent("text");
        assertThat(args.get(0).stringValue()).isEqualTo(text);
        assertThat(args.get(1).get("k\udbff").stringValue()).isEqualTo("\ud800");
        assertThat(args.get(2).isNull()).as("Infinity as null: %s", args.get(2)).isTrue();
    }
}
