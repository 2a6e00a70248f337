package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.Middleware;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectMiddlewareChainTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SerialExecutor serial = new SerialExecutor(pool);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private ConnectRefusal run(Middleware... middlewares) throws Exception {
        CompletableFuture<ConnectRefusal> outcome = new CompletableFuture<>();
        serial.execute(() -> new ConnectMiddlewareChain(List.of(middlewares), null, serial, outcome::complete).start());
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
}
