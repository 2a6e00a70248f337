package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.core.Middleware;
import dev.socketeer.core.PacketMiddleware;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The middleware chain, for connection middleware and for incoming-packet middleware. */
class MiddlewareChainTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SerialExecutor serial = new SerialExecutor(pool);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private ConnectRefusal run(Middleware... middlewares) throws Exception {
        CompletableFuture<ConnectRefusal> outcome = new CompletableFuture<>();
        serial.execute(() -> MiddlewareChain.connect(List.of(middlewares), null, serial, outcome::complete).start());
        return outcome.get(2, TimeUnit.SECONDS);
    }

    private Middleware passing(String name) {
        return (socket, next) -> {
            calls.add(name);
            next.proceed();
        };
    }

    @Test
    void runsEveryMiddlewareInOrderThenSucceeds() throws Exception {
        assertThat(run(passing("a"), passing("b"), passing("c"))).isNull();
        assertThat(calls).containsExactly("a", "b", "c");
    }

    @Test
    void firstFailureStopsTheChainWithItsMessageAndData() throws Exception {
        ConnectRefusal refusal = run(passing("a"), (s, next) -> next.fail("Unauthorized", 42), passing("c"));
        assertThat(refusal).isEqualTo(new ConnectRefusal("Unauthorized", 42));
        assertThat(calls).containsExactly("a");
    }

    @Test
    void thrownExceptionBecomesARefusalWithItsMessage() throws Exception {
        ConnectRefusal refusal = run((s, next) -> {
            throw new IllegalStateException("no token");
        });
        assertThat(refusal.message()).isEqualTo("no token");
        assertThat(refusal.data()).isNull();
    }

    @Test
    void nextMayBeCalledLaterFromAnotherThreadOnlyOnce() throws Exception {
        Middleware async = (s, next) -> new Thread(() -> {
            next.proceed();
            next.fail("ignored");
        }).start();
        assertThat(run(async, passing("b"))).isNull();
        assertThat(calls).containsExactly("b");
    }

    private Exception runPackets(PacketMiddleware... middlewares) throws Exception {
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        serial.execute(() -> MiddlewareChain.packet(List.of(middlewares), JsonNodeFactory.instance.arrayNode(), serial,
                error -> outcome.complete(error)).start());
        return outcome.get(2, TimeUnit.SECONDS);
    }

    @Test
    void packetMiddlewareFailsWithItsErrorOrARejection() throws Exception {
        PacketMiddleware pass = (packet, next) -> next.proceed();
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertThat(runPackets(pass, pass)).isNull();
        assertThat(runPackets(pass, (packet, next) -> next.fail(bad))).isSameAs(bad);
        assertThat(runPackets((packet, next) -> next.fail(null))).hasMessage("rejected");
        assertThat(runPackets((packet, next) -> {
            throw bad;
        })).isSameAs(bad);
    }

    @Test
    void packetMiddlewareDoesNotCatchErrors() {
        AssertionError error = new AssertionError("boom");
        MiddlewareChain<PacketMiddleware, Exception> chain = MiddlewareChain.packet(List.of((packet, next) -> {
            throw error;
        }), JsonNodeFactory.instance.arrayNode(), serial, e -> { });
        assertThatThrownBy(chain::start).isSameAs(error);
    }
}
