package dev.socketeer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A dedicated-port server (no web application) serving a gateway, and its shutdown with the context. */
@ExtendWith(LeakGuard.class)
class DedicatedPortTest {

    @Test
    void servesGatewaysOnItsOwnPortAndClosesSocketsOnShutdown() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
                .withUserConfiguration(RoomConfig.class)
                .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");
        try (NodeDriver driver = new NodeDriver()) {
            runner.run(ctx -> {
                int port = ctx.getBean(SocketIoServer.class).port();
                NodeClient client = driver.connect("http://127.0.0.1:" + port + "/room", Map.of("reconnection", false));
                client.awaitConnect();
                assertThat(client.emitWithAck("hello", Duration.ofSeconds(10), Map.of("name", "x")).get(0).asString())
                        .isEqualTo("hello x");
                RoomGateway gateway = ctx.getBean(RoomGateway.class);
                ctx.close();
                assertThat(gateway.reasons).containsExactly(DisconnectReason.SERVER_SHUTTING_DOWN);
                assertThat(client.awaitDisconnect()).isEqualTo("transport close");
            });
        }
    }

    record Hello(String name) {
    }

    @SocketGateway(namespace = "/room")
    static class RoomGateway {
        final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();

        @OnEvent("hello")
        String hello(Hello hello) {
            return "hello " + hello.name();
        }

        @OnDisconnect
        void left(DisconnectReason reason) {
            reasons.add(reason);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RoomConfig {
        @Bean
        RoomGateway roomGateway() {
            return new RoomGateway();
        }
    }
}
