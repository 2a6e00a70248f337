package dev.socketeer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One owner per event: two gateways (or two methods) handling one event of a namespace fail the startup. */
@ExtendWith(LeakGuard.class)
class GatewayOwnershipTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class));

    @SocketGateway
    static class HubGateway {
        @OnEvent("message")
        String message() {
            return "hub";
        }
    }

    @SocketGateway(namespace = "/")
    static class ChatGateway {
        @OnEvent("message")
        String message() {
            return "chat";
        }
    }

    @SocketGateway(namespace = "/other")
    static class OtherNamespaceGateway {
        @OnEvent("message")
        String message() {
            return "other";
        }
    }

    @SocketGateway
    static class TwiceGateway {
        @OnEvent("ping")
        String one() {
            return "1";
        }

        @OnEvent("ping")
        String two() {
            return "2";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoOwners {
        @Bean
        HubGateway hub() {
            return new HubGateway();
        }

        @Bean
        ChatGateway chat() {
            return new ChatGateway();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SameEventOtherNamespaces {
        @Bean
        HubGateway hub() {
            return new HubGateway();
        }

        @Bean
        OtherNamespaceGateway other() {
            return new OtherNamespaceGateway();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneGatewayTwice {
        @Bean
        TwiceGateway twice() {
            return new TwiceGateway();
        }
    }

    @Test
    void twoGatewaysHandlingOneEventOfANamespaceFailTheStartupNamingBothMethods() {
        context.withUserConfiguration(TwoOwners.class).run(ctx -> assertThat(root(ctx.getStartupFailure()))
                .hasMessageContaining("event \"message\" of namespace / has two handlers")
                .hasMessageContaining("HubGateway.message").hasMessageContaining("ChatGateway.message"));
    }

    @Test
    void twoMethodsOfOneGatewayForOneEventFailTheStartupNamingBoth() {
        context.withUserConfiguration(OneGatewayTwice.class).run(ctx -> assertThat(root(ctx.getStartupFailure()))
                .hasMessageContaining("event \"ping\"")
                .hasMessageContaining("TwiceGateway.one").hasMessageContaining("TwiceGateway.two"));
    }

    private static Throwable root(Throwable failure) {
        assertThat(failure).as("the startup failed").isNotNull();
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void oneEventNameOnTwoNamespacesIsFine() {
        context.withUserConfiguration(SameEventOtherNamespaces.class).run(ctx -> assertThat(ctx).hasNotFailed());
    }
}
