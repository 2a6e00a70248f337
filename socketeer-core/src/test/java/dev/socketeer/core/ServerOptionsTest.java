package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.core.adapter.InMemoryAdapter;
import dev.socketeer.engine.EngineOptions;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ServerOptionsTest {

    @Test
    void hasNodesDefaultsAndTheBackPressureBounds() {
        ServerOptions o = ServerOptions.DEFAULT;
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isZero();
        assertThat(o.ioThreads()).isZero();
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.connectionStateRecovery()).isNull();
        assertThat(o.adapter()).isNull();
        assertThat(o.handlerExecutor()).isNull();
        assertThat(o.jsonMapper()).isNotNull();
        assertThat(o.cleanupEmptyChildNamespaces()).isFalse();
        assertThat(o.listeners()).isEmpty();
        assertThat(o.maxQueuedPackets()).isEqualTo(256);
        assertThat(o.maxQueuedSends()).isEqualTo(65_536);
        assertThat(o.rateLimit()).isSameAs(RateLimit.NONE);
        assertThat(o.rateLimit().enabled()).isFalse();
        assertThat(o.maxNamespacesPerClient()).isEqualTo(100);
        assertThat(o.maxRoomsPerSocket()).isEqualTo(10_000);
        assertThat(o.maxPendingAcks()).isEqualTo(10_000);
        assertThat(o.maxChildNamespaces()).isEqualTo(10_000);
        assertThat(o.engineOptions()).isSameAs(EngineOptions.DEFAULT);
    }

    @Test
    void toBuilderKeepsEveryOption() {
        Executor executor = Runnable::run;
        ServerListener listener = new ServerListener() { };
        JsonMapper mapper = JsonMapper.builder().build();
        EngineOptions engine = EngineOptions.newBuilder().path("/x").build();
        ServerOptions o = ServerOptions.newBuilder().host("127.0.0.1").port(8080).ioThreads(3)
                .connectTimeout(Duration.ofSeconds(5))
                .connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT)
                .adapter(InMemoryAdapter::new).handlerExecutor(executor).jsonMapper(mapper)
                .cleanupEmptyChildNamespaces(true).listener(listener)
                .maxQueuedPackets(16).maxQueuedSends(1024).engineOptions(engine)
                .rateLimit(RateLimit.of(5, 10, RateLimitAction.ERROR_ACK)).maxNamespacesPerClient(3)
                .maxRoomsPerSocket(4).maxPendingAcks(5).maxChildNamespaces(6)
                .build();
        ServerOptions copy = o.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(o);
        assertThat(copy.listeners()).containsExactly(listener);
        assertThat(copy.maxQueuedPackets()).isEqualTo(16);
        assertThat(copy.ioThreads()).isEqualTo(3);
        assertThat(copy.maxQueuedSends()).isEqualTo(1024);
        assertThat(copy.rateLimit()).isEqualTo(RateLimit.of(5, 10, RateLimitAction.ERROR_ACK));
        assertThat(copy.maxNamespacesPerClient()).isEqualTo(3);
        assertThat(copy.maxRoomsPerSocket()).isEqualTo(4);
        assertThat(copy.maxPendingAcks()).isEqualTo(5);
        assertThat(copy.maxChildNamespaces()).isEqualTo(6);
    }

    @Test
    void toBuilderDoesNotChangeTheOriginal() {
        ServerOptions o = ServerOptions.newBuilder().listener(new ServerListener() { }).build();
        o.toBuilder().listener(new ServerListener() { }).maxQueuedPackets(1).build();
        assertThat(o.listeners()).hasSize(1);
        assertThat(o.maxQueuedPackets()).isEqualTo(256);
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> ServerOptions.newBuilder().port(70_000).build()).hasMessageStartingWith("port:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().ioThreads(-1).build()).hasMessageStartingWith("ioThreads:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().connectTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("connectTimeout:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxQueuedPackets(0).build())
                .hasMessageStartingWith("maxQueuedPackets:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxQueuedSends(-1).build())
                .hasMessageStartingWith("maxQueuedSends:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxNamespacesPerClient(0).build())
                .hasMessageStartingWith("maxNamespacesPerClient:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxRoomsPerSocket(0).build())
                .hasMessageStartingWith("maxRoomsPerSocket:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxPendingAcks(0).build())
                .hasMessageStartingWith("maxPendingAcks:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().maxChildNamespaces(0).build())
                .hasMessageStartingWith("maxChildNamespaces:");
        assertThatThrownBy(() -> ServerOptions.newBuilder().rateLimit(null)).hasMessage("rateLimit");
        assertThatThrownBy(() -> RateLimit.of(0, 1, RateLimitAction.DROP)).hasMessageStartingWith("eventsPerSecond:");
        assertThatThrownBy(() -> RateLimit.of(Double.NaN, 1, RateLimitAction.DROP)).hasMessageStartingWith("eventsPerSecond:");
        assertThatThrownBy(() -> RateLimit.of(1, 0, RateLimitAction.DROP)).hasMessageStartingWith("burst:");
        assertThatThrownBy(() -> RateLimit.of(1, 1, null)).hasMessage("action");
        assertThatThrownBy(() -> ServerOptions.newBuilder().host(null)).hasMessage("host");
        assertThatThrownBy(() -> ServerOptions.newBuilder().engineOptions(null)).hasMessage("engineOptions");
    }
}
