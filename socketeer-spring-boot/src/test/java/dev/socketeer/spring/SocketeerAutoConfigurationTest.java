package dev.socketeer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.RateLimit;
import dev.socketeer.core.RateLimitAction;
import dev.socketeer.core.ServerOptions;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineTransport;
import dev.socketeer.spring.internal.EngineMountCustomizer;
import dev.socketeer.spring.internal.ServerLifecycle;
import dev.socketeer.testkit.LeakGuard;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(LeakGuard.class)
class SocketeerAutoConfigurationTest {
    private final ReactiveWebApplicationContextRunner web = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class));
    private final ApplicationContextRunner plain = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class));

    @Test
    void mountsOnTheWebServerByDefault() {
        web.run(ctx -> {
            assertThat(ctx).hasSingleBean(SocketIoServer.class).hasSingleBean(EngineMountCustomizer.class);
            assertThat(ctx.getBean(ServerLifecycle.class).dedicated()).isFalse();
            assertThat(ctx.getBean(ServerLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void startsADedicatedServerWhenAPortIsSet() {
        web.withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(EngineMountCustomizer.class);
            ServerLifecycle lifecycle = ctx.getBean(ServerLifecycle.class);
            assertThat(lifecycle.dedicated()).isTrue();
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(ctx.getBean(SocketIoServer.class).port()).isPositive();
        });
    }

    @Test
    void doesNotMountOutsideAReactiveWebApplication() {
        plain.run(ctx -> assertThat(ctx).hasSingleBean(SocketIoServer.class).doesNotHaveBean(EngineMountCustomizer.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnServer() {
        web.withUserConfiguration(OwnServer.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(SocketIoServer.class);
            assertThat(ctx.getBean(SocketIoServer.class)).isSameAs(ctx.getBean(OwnServer.class).server);
            assertThat(ctx.getBean(SocketIoServer.class).engine().options().path()).isEqualTo("/own/");
        });
    }

    @Test
    void appliesCustomizers() {
        web.withUserConfiguration(Customized.class).run(ctx -> assertThat(
                ctx.getBean(SocketIoServer.class).engine().options().pingInterval()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void bindsProperties() {
        web.withPropertyValues("socketeer.path=/io", "socketeer.ping-interval=5s", "socketeer.ping-timeout=4s",
                        "socketeer.upgrade-timeout=3s", "socketeer.max-http-buffer-size=2MB",
                        "socketeer.transports=websocket", "socketeer.allow-upgrades=false",
                        "socketeer.cors.allowed-origins=http://a.test", "socketeer.cors.allow-credentials=true",
                        "socketeer.cookie.enabled=true", "socketeer.per-message-deflate=true",
                        "socketeer.http-compression=false", "socketeer.connection-state-recovery.enabled=true")
                .run(ctx -> {
                    EngineOptions o = ctx.getBean(SocketIoServer.class).engine().options();
                    assertThat(o.path()).isEqualTo("/io/");
                    assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(o.upgradeTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(o.maxHttpBufferSize()).isEqualTo(2 * 1024 * 1024);
                    assertThat(o.transports()).containsExactly(EngineTransport.WEBSOCKET);
                    assertThat(o.allowUpgrades()).isFalse();
                    assertThat(o.cors().allowedOrigins()).containsExactly("http://a.test");
                    assertThat(o.cors().allowCredentials()).isTrue();
                    assertThat(o.cookie().name()).isEqualTo("io");
                    assertThat(o.perMessageDeflate()).isTrue();
                    assertThat(o.httpCompression()).isFalse();
                });
    }

    @Test
    void bindsServerOptionsAndTheRemainingEngineOptions() {
        plain.withPropertyValues("socketeer.max-queued-packets=64", "socketeer.max-queued-sends=1024",
                        "socketeer.host=127.0.0.1", "socketeer.io-threads=3", "socketeer.connect-timeout=7s",
                        "socketeer.cleanup-empty-child-namespaces=true",
                        "socketeer.connection-state-recovery.enabled=true",
                        "socketeer.connection-state-recovery.max-disconnection-duration=30s",
                        "socketeer.connection-state-recovery.skip-middlewares=false",
                        "socketeer.max-outbound-buffer=4MB", "socketeer.compression-threshold=2KB",
                        "socketeer.idle-timeout=7s", "socketeer.headers-timeout=8s", "socketeer.request-timeout=9s",
                        "socketeer.cors.allowed-origins=http://a.test", "socketeer.cors.allowed-headers=X-A",
                        "socketeer.cors.exposed-headers=X-B", "socketeer.cors.max-age=1h",
                        "socketeer.cookie.enabled=true", "socketeer.cookie.name=sticky", "socketeer.cookie.path=/app",
                        "socketeer.cookie.http-only=false", "socketeer.cookie.same-site=")
                .run(ctx -> {
                    ServerOptions o = ctx.getBean(SocketIoServer.class).options();
                    assertThat(o.maxQueuedPackets()).isEqualTo(64);
                    assertThat(o.maxQueuedSends()).isEqualTo(1024);
                    assertThat(o.host()).isEqualTo("127.0.0.1");
                    assertThat(o.ioThreads()).isEqualTo(3);
                    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(o.cleanupEmptyChildNamespaces()).isTrue();
                    assertThat(o.connectionStateRecovery().maxDisconnectionDuration()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(o.connectionStateRecovery().skipMiddlewares()).isFalse();
                    EngineOptions e = o.engineOptions();
                    assertThat(e.maxOutboundBuffer()).isEqualTo(4 * 1024 * 1024);
                    assertThat(e.compressionThreshold()).isEqualTo(2 * 1024);
                    assertThat(e.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.headersTimeout()).isEqualTo(Duration.ofSeconds(8));
                    assertThat(e.requestTimeout()).isEqualTo(Duration.ofSeconds(9));
                    assertThat(e.cors().allowedHeaders()).containsExactly("X-A");
                    assertThat(e.cors().exposedHeaders()).containsExactly("X-B");
                    assertThat(e.cors().maxAge()).isEqualTo(Duration.ofHours(1));
                    assertThat(e.cookie()).isEqualTo(new CookieOptions("sticky", "/app", false, null));
                });
    }

    @Test
    void bindsTheRateLimitAndTheResourceBounds() {
        plain.withPropertyValues("socketeer.rate-limit.events-per-second=20", "socketeer.rate-limit.burst=40",
                        "socketeer.rate-limit.action=disconnect",
                        "socketeer.rate-limit.namespaces.[/chat].events-per-second=2.5",
                        "socketeer.rate-limit.namespaces.[/chat].action=error-ack",
                        "socketeer.rate-limit.namespaces.[/free].burst=3",
                        "socketeer.max-namespaces-per-client=5", "socketeer.max-rooms-per-socket=50",
                        "socketeer.max-pending-acks=60", "socketeer.max-clients=70",
                        "socketeer.max-child-namespaces=80")
                .run(ctx -> {
                    SocketIoServer io = ctx.getBean(SocketIoServer.class);
                    ServerOptions o = io.options();
                    assertThat(o.rateLimit()).isEqualTo(RateLimit.of(20, 40, RateLimitAction.DISCONNECT));
                    assertThat(io.of("/chat").rateLimit()).isEqualTo(RateLimit.of(2.5, 3, RateLimitAction.ERROR_ACK));
                    assertThat(io.of("/free").rateLimit()).isSameAs(RateLimit.NONE); // no events-per-second: none there
                    assertThat(io.of("/other").rateLimit()).isEqualTo(o.rateLimit());
                    assertThat(o.maxNamespacesPerClient()).isEqualTo(5);
                    assertThat(o.maxRoomsPerSocket()).isEqualTo(50);
                    assertThat(o.maxPendingAcks()).isEqualTo(60);
                    assertThat(o.engineOptions().maxClients()).isEqualTo(70);
                    assertThat(o.maxChildNamespaces()).isEqualTo(80);
                });
    }

    @Test
    void hasNoRateLimitAndTheDefaultResourceBounds() {
        plain.run(ctx -> {
            ServerOptions o = ctx.getBean(SocketIoServer.class).options();
            assertThat(o.rateLimit()).isSameAs(RateLimit.NONE);
            assertThat(o.maxNamespacesPerClient()).isEqualTo(ServerOptions.DEFAULT.maxNamespacesPerClient());
            assertThat(o.maxRoomsPerSocket()).isEqualTo(ServerOptions.DEFAULT.maxRoomsPerSocket());
            assertThat(o.maxPendingAcks()).isEqualTo(ServerOptions.DEFAULT.maxPendingAcks());
            assertThat(o.engineOptions().maxClients()).isZero();
            assertThat(o.maxChildNamespaces()).isEqualTo(ServerOptions.DEFAULT.maxChildNamespaces());
        });
    }

    @Test
    void hasTheDefaultBackPressureBounds() {
        plain.run(ctx -> {
            ServerOptions o = ctx.getBean(SocketIoServer.class).options();
            assertThat(o.maxQueuedPackets()).isEqualTo(ServerOptions.DEFAULT.maxQueuedPackets());
            assertThat(o.maxQueuedSends()).isEqualTo(ServerOptions.DEFAULT.maxQueuedSends());
        });
    }

    @Test
    void refusesAnInvalidBoundNamingIt() {
        plain.withPropertyValues("socketeer.max-queued-packets=0").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageStartingWith("maxQueuedPackets:"));
    }

    @Test
    void hasNodesDefaults() {
        web.run(ctx -> {
            EngineOptions o = ctx.getBean(SocketIoServer.class).engine().options();
            assertThat(o.path()).isEqualTo("/socket.io/");
            assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(25));
            assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(o.maxHttpBufferSize()).isEqualTo(1_000_000);
            assertThat(o.cors()).isNull();
            assertThat(o.cookie()).isNull();
        });
    }

    @Test
    void readsAllowedOriginsFromACommaSeparatedEnvironmentVariable() {
        web.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment",
                                Map.of("SOCKETEER_CORS_ALLOWED_ORIGINS", "http://a.test,http://b.test"))))
                .run(ctx -> assertThat(ctx.getBean(SocketIoServer.class).engine().options().cors().allowedOrigins())
                        .containsExactlyInAnyOrder("http://a.test", "http://b.test"));
    }

    @Test
    void failsFastWhenAGatewayRequiresAuthWithoutADecoder() {
        web.withUserConfiguration(SecuredGatewayWithoutDecoder.class).run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().hasMessageContaining("ReactiveJwtDecoder"));
    }

    @Test
    void failsFastWhenABeforeConnectMethodReturnsAValue() {
        web.withUserConfiguration(BadBeforeConnectGateway.class).run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().hasMessageContaining("a @BeforeConnect method must return void"));
    }

    @Test
    void stopsTheServerWithTheContext() {
        web.withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1").run(ctx -> {
            ServerLifecycle lifecycle = ctx.getBean(ServerLifecycle.class);
            ctx.close();
            assertThat(lifecycle.isRunning()).isFalse();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServer {
        final SocketIoServer server = SocketIoServer.builder().path("/own").build();

        @Bean
        SocketIoServer socketIoServer() {
            return server;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customized {
        @Bean
        SocketIoServerCustomizer fastPings() {
            return b -> b.pingInterval(Duration.ofSeconds(7));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecuredGatewayWithoutDecoder {
        @Bean
        Secured secured() {
            return new Secured();
        }
    }

    @SocketGateway(namespace = "/secured", auth = AuthPolicy.REQUIRED)
    static class Secured {
    }

    @Configuration(proxyBeanMethods = false)
    static class BadBeforeConnectGateway {
        @Bean
        Open open() {
            return new Open();
        }
    }

    @SocketGateway(namespace = "/open", auth = AuthPolicy.NONE)
    static class Open {
        @BeforeConnect
        String join(dev.socketeer.core.Socket socket) {
            return "not allowed";
        }
    }
}
