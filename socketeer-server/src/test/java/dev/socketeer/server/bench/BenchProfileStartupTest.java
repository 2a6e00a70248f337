package dev.socketeer.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.core.RateLimit;
import dev.socketeer.core.RateLimitAction;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.SocketeerServerApplication;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * The bench profile refuses to run together with prod, whatever else is configured; without it none of its
 * settings is active (the hub announces clients, logs go to the console, any address, development CORS origins). Started by hand (see {@link BenchProfileEndToEndTest} for why not through the test context cache).
 */
@ExtendWith(LeakGuard.class)
class BenchProfileStartupTest {

    @Test
    void benchWithProdRefusesToStartEvenWithAJwtSecret() {
        assertRefused("bench", "prod", "--socketeer.server.jwt.secret=" + TestTokens.SECRET);
    }

    @Test
    void benchWithProdNamesTheBenchProfileRatherThanTheMissingSecret() {
        assertRefused("prod", "bench", "--socketeer.server.jwt.secret=");
    }

    @Test
    void withoutTheProfileNoBenchSettings() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SocketeerServerApplication.class)
                .run("--server.port=0", "--socketeer.server.jwt.secret=" + TestTokens.SECRET,
                        "--spring.datasource.url=jdbc:h2:mem:bench-off;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE")) {
            assertThat(app.getEnvironment().getProperty("socketeer.server.hub.presence-events")).isEqualTo("true");
            assertThat(app.getBean(SocketIoServer.class).options().rateLimit())
                    .isEqualTo(RateLimit.of(50, 100, RateLimitAction.ERROR_ACK));
            assertThat(app.getEnvironment().getActiveProfiles()).doesNotContain("bench");
            assertThat(app.getEnvironment().getProperty("logging.config")).isNull();
            assertThat(app.getEnvironment().getProperty("server.address")).isNull();
            assertThat(app.getEnvironment().getProperty("socketeer.cors.allowed-origins[0]"))
                    .isEqualTo("http://localhost:3000");
        }
    }

    private static void assertRefused(String first, String second, String secretArgument) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SocketeerServerApplication.class)
                .profiles(first, second)
                .run("--server.port=0", secretArgument)
                .close())
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(BenchProfileInProductionException.class)
                        .hasMessageContaining("bench profile")
                        .hasMessageContaining("prod profile"));
    }
}
