package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.engine.AllowRequest;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineTransport;
import dev.socketeer.testkit.LeakGuard;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class SocketIoServerBuilderTest {

    @Test
    void mirrorsEveryEngineOptionsSetter() {
        assertThat(unmirrored(EngineOptions.Builder.class))
                .as("EngineOptions.Builder setters without a same-named SocketIoServer.Builder setter").isEmpty();
    }

    @Test
    void mirrorsEveryServerOptionsSetter() {
        assertThat(unmirrored(ServerOptions.Builder.class))
                .as("ServerOptions.Builder setters without a same-named SocketIoServer.Builder setter").isEmpty();
    }

    /** The public setters of {@code builder} that {@link SocketIoServer.Builder} lacks (same name and parameters). */
    private static List<String> unmirrored(Class<?> builder) {
        return Arrays.stream(builder.getMethods())
                .filter(m -> m.getDeclaringClass() == builder && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == builder) // setters; build() returns the options
                .filter(m -> !hasMirror(m))
                .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
                .toList();
    }

    private static boolean hasMirror(Method setter) {
        try {
            Method mirror = SocketIoServer.Builder.class.getMethod(setter.getName(), setter.getParameterTypes());
            return mirror.getReturnType() == SocketIoServer.Builder.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void mirroredEngineSettersReachTheEngineOptions() {
        AllowRequest allow = (request, callback) -> callback.allow();
        try (SocketIoServer io = SocketIoServer.builder()
                .path("/rt").pingInterval(Duration.ofSeconds(3)).pingTimeout(Duration.ofSeconds(2))
                .upgradeTimeout(Duration.ofSeconds(1)).maxHttpBufferSize(2_000).maxOutboundBuffer(4_000)
                .transports(List.of(EngineTransport.WEBSOCKET)).allowUpgrades(false).allowRequest(allow)
                .cors(c -> c.allowedOrigins("http://a.test")).cookie(CookieOptions.DEFAULT)
                .perMessageDeflate(true).httpCompression(false).compressionThreshold(10)
                .idleTimeout(Duration.ofSeconds(7)).headersTimeout(Duration.ofSeconds(8)).requestTimeout(Duration.ofSeconds(9))
                .maxClients(5)
                .build()) {
            EngineOptions o = io.options().engineOptions();
            assertThat(io.engine().options()).isSameAs(o);
            assertThat(o.path()).isEqualTo("/rt/");
            assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(o.upgradeTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(o.maxHttpBufferSize()).isEqualTo(2_000);
            assertThat(o.maxOutboundBuffer()).isEqualTo(4_000);
            assertThat(o.transports()).containsExactly(EngineTransport.WEBSOCKET);
            assertThat(o.allowUpgrades()).isFalse();
            assertThat(o.allowRequest()).isSameAs(allow);
            assertThat(o.cors().allowedOrigins()).containsExactly("http://a.test");
            assertThat(o.cookie()).isEqualTo(CookieOptions.DEFAULT);
            assertThat(o.perMessageDeflate()).isTrue();
            assertThat(o.httpCompression()).isFalse();
            assertThat(o.compressionThreshold()).isEqualTo(10);
            assertThat(o.maxClients()).isEqualTo(5);
            assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(o.headersTimeout()).isEqualTo(Duration.ofSeconds(8));
            assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(9));
        }
    }

    @Test
    void mirroredServerSettersReachTheServerOptions() {
        ServerListener listener = new ServerListener() { };
        try (SocketIoServer io = SocketIoServer.builder().host("127.0.0.1").port(1234).ioThreads(3)
                .connectTimeout(Duration.ofSeconds(9)).connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT)
                .cleanupEmptyChildNamespaces(true).listener(listener).maxQueuedPackets(32).maxQueuedSends(4096)
                .rateLimit(RateLimit.of(3, 6, RateLimitAction.DISCONNECT)).maxNamespacesPerClient(7)
                .maxRoomsPerSocket(8).maxPendingAcks(9).maxChildNamespaces(10)
                .build()) {
            ServerOptions o = io.options();
            assertThat(o.host()).isEqualTo("127.0.0.1");
            assertThat(o.port()).isEqualTo(1234);
            assertThat(o.ioThreads()).isEqualTo(3);
            assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(o.connectionStateRecovery()).isSameAs(ConnectionStateRecoveryOptions.DEFAULT);
            assertThat(o.cleanupEmptyChildNamespaces()).isTrue();
            assertThat(o.listeners()).containsExactly(listener);
            assertThat(o.maxQueuedPackets()).isEqualTo(32);
            assertThat(o.maxQueuedSends()).isEqualTo(4096);
            assertThat(o.rateLimit()).isEqualTo(RateLimit.of(3, 6, RateLimitAction.DISCONNECT));
            assertThat(o.maxNamespacesPerClient()).isEqualTo(7);
            assertThat(o.maxRoomsPerSocket()).isEqualTo(8);
            assertThat(o.maxPendingAcks()).isEqualTo(9);
            assertThat(o.maxChildNamespaces()).isEqualTo(10);
        }
    }

    @Test
    void isCreatedFromAFinishedOptionsObject() {
        ServerOptions options = ServerOptions.newBuilder().maxQueuedPackets(8)
                .engineOptions(EngineOptions.newBuilder().path("/a").build()).build();
        try (SocketIoServer io = SocketIoServer.create(options)) {
            assertThat(io.options()).isSameAs(options);
            assertThat(io.engine().options().path()).isEqualTo("/a/");
        }
        try (SocketIoServer io = SocketIoServer.builder().options(options).pingInterval(Duration.ofSeconds(1)).build()) {
            assertThat(io.options().maxQueuedPackets()).isEqualTo(8);
            assertThat(io.options().engineOptions().path()).isEqualTo("/a/");
            assertThat(io.options().engineOptions().pingInterval()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void twoServersInOneJvmHaveTheirOwnBounds() {
        try (SocketIoServer a = SocketIoServer.builder().maxQueuedPackets(1).build();
             SocketIoServer b = SocketIoServer.builder().maxQueuedSends(2).build()) {
            assertThat(a.options().maxQueuedPackets()).isEqualTo(1);
            assertThat(a.options().maxQueuedSends()).isEqualTo(65_536);
            assertThat(b.options().maxQueuedPackets()).isEqualTo(256);
            assertThat(b.options().maxQueuedSends()).isEqualTo(2);
        }
    }

    @Test
    void validatesInBuildNamingTheOption() {
        assertThatThrownBy(() -> SocketIoServer.builder().maxQueuedPackets(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxQueuedPackets:");
        assertThatThrownBy(() -> SocketIoServer.builder().pingInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pingInterval:");
    }
}
