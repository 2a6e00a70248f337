package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code socket.on(event, Type.class, ...)}: the first argument converted with Jackson, and server emits of Java objects. */
@ExtendWith(LeakGuard.class)
class TypedPayloadTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(10);

    record Item(String sku, int qty, BigDecimal price) {}

    record Order(String id, long total, double ratio, List<Item> items, List<List<Integer>> matrix, String note,
                 Map<String, Object> meta) {}

    /** A JavaBean, serialized through its getters. */
    public static final class Profile {
        private final String name;
        private final int age;

        Profile(String name, int age) {
            this.name = name;
            this.age = age;
        }

        public String getName() {
            return name;
        }

        public int getAge() {
            return age;
        }
    }

    private SocketIoServer io;
    private final CompletableFuture<Socket> connected = new CompletableFuture<>();
    private final CompletableFuture<Throwable> error = new CompletableFuture<>();
    private final AtomicInteger listenerCalls = new AtomicInteger();
    private NodeClient client;

    @BeforeEach
    void start() {
        io = e2e.start(SocketIoServer.builder(), server -> {
            server.onConnection(socket -> {
                socket.onError(error::complete);
                socket.on("order", Order.class, (order, ack) -> {
                    listenerCalls.incrementAndGet();
                    ack.send(order); // back to JSON: the round trip shows every field was read
                });
                socket.on("name", String.class, (name, ack) -> ack.send(name == null ? "<null>" : "hello " + name));
                socket.on("count", Long.class, (count, ack) -> ack.send(count == null ? null : count + 1));
                socket.on("echo", (args, ack) -> ack.send(args.get(0)));
                connected.complete(socket);
            });
        }).io;
        client = e2e.connect("http://127.0.0.1:" + io.port() + "/", Map.of("transports", List.of("websocket"), "forceNew", true));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void firstArgumentIsConvertedToARecordWithNestedRecordsListsNumbersAndNull() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "o-1");
        order.put("total", 9_007_199_254_740_991L); // Number.MAX_SAFE_INTEGER
        order.put("ratio", -0.125);
        order.put("items", List.of(Map.of("sku", "a", "qty", 2, "price", 1.5), Map.of("sku", "b", "qty", 0, "price", 0)));
        order.put("matrix", List.of(List.of(1, 2), List.of(), List.of(-3)));
        order.put("note", null);
        order.put("meta", Map.of("tags", List.of("x", "y"), "flag", true));
        JsonNode ack = client.emitWithAck("order", WAIT, order);
        JsonNode back = ack.get(0);
        assertThat(back.get("id").asString()).isEqualTo("o-1");
        assertThat(back.get("total").asLong()).isEqualTo(9_007_199_254_740_991L);
        assertThat(back.get("ratio").asDouble()).isEqualTo(-0.125);
        assertThat(back.get("items")).hasToString(
                "[{\"sku\":\"a\",\"qty\":2,\"price\":1.5},{\"sku\":\"b\",\"qty\":0,\"price\":0}]");
        assertThat(back.get("matrix")).hasToString("[[1,2],[],[-3]]");
        assertThat(back.get("note").isNull()).isTrue();
        assertThat(back.get("meta").get("tags")).hasToString("[\"x\",\"y\"]");
        assertThat(back.get("meta").get("flag").asBoolean()).isTrue();
    }

    @Test
    void stringsNumbersAndMissingArgumentsConvert() {
        assertThat(client.emitWithAck("name", WAIT, "bob")).hasToString("[\"hello bob\"]");
        assertThat(client.emitWithAck("name", WAIT)).hasToString("[\"<null>\"]");
        assertThat(client.emitWithAck("name", WAIT, (Object) null)).hasToString("[\"<null>\"]");
        assertThat(client.emitWithAck("count", WAIT, 41)).hasToString("[42]");
        assertThat(client.emitWithAck("count", WAIT)).hasToString("[null]");
    }

    @Test
    void conversionFailureIsAnsweredThroughTheAckAndReported() throws Exception {
        JsonNode ack = client.emitWithAck("order", WAIT, Map.of("id", "o-2", "total", "not a number"));
        assertThat(ack).hasSize(1);
        assertThat(ack.get(0).get("status").asString()).isEqualTo("error");
        assertThat(ack.get(0).get("message").asString()).startsWith("Invalid payload: ").contains("not a number");
        assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThat(listenerCalls.get()).isZero();

        // without an ack the failure is only reported; the socket goes on
        client.emit("count", "many");
        assertThat(client.emitWithAck("echo", WAIT, "still here")).hasToString("[\"still here\"]");
        assertThat(client.emitWithAck("count", WAIT, List.of(1))).isEqualTo(
                client.emitWithAck("count", WAIT, List.of(2))); // both refused the same way
        assertThat(listenerCalls.get()).isZero();
    }

    @Test
    void serverEmitsRecordsBeansMapsAndLists() throws Exception {
        Socket socket = connected.get(10, TimeUnit.SECONDS);
        Order order = new Order("o-3", 7, 0.5, List.of(new Item("c", 1, new BigDecimal("2.25"))),
                List.of(List.of(1)), null, Map.of("k", List.of(1, "two")));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", null);
        socket.emit("objects", order, new Profile("ann", 30), map, Arrays.asList(1, "x", null, true, 2.5), null);
        JsonNode args = client.awaitEvent("objects", WAIT);
        assertThat(args.get(0)).hasToString("{\"id\":\"o-3\",\"total\":7,\"ratio\":0.5,"
                + "\"items\":[{\"sku\":\"c\",\"qty\":1,\"price\":2.25}],\"matrix\":[[1]],\"note\":null,"
                + "\"meta\":{\"k\":[1,\"two\"]}}");
        assertThat(args.get(1).get("name").asString()).isEqualTo("ann");
        assertThat(args.get(1).get("age").asInt()).isEqualTo(30);
        assertThat(args.get(2)).hasToString("{\"b\":1,\"a\":null}");
        assertThat(args.get(3)).hasToString("[1,\"x\",null,true,2.5]");
        assertThat(args.get(4).isNull()).isTrue();
    }
}
