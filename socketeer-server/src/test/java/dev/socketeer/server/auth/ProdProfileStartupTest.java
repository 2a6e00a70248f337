package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.server.SocketeerServerApplication;
import dev.socketeer.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** The prod profile fails fast without a signing secret; a too-short secret is refused in any profile. */
@ExtendWith(LeakGuard.class)
class ProdProfileStartupTest {

    @Test
    void prodProfileRefusesToStartWithoutJwtSecret() {
        assertThatThrownBy(() -> start("prod", "socketeer.server.jwt.secret="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(MissingJwtSecretException.class)
                        .hasMessageContaining("socketeer.server.jwt.secret must be set")
                        .hasMessageContaining("prod"));
    }

    @Test
    void refusesSecretShorterThan32Bytes() {
        assertThatThrownBy(() -> start("default", "socketeer.server.jwt.secret=too-short"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .hasMessageContaining("at least 32 bytes"));
    }

    private static void start(String profile, String secretProperty) {
        new SpringApplicationBuilder(SocketeerServerApplication.class)
                .profiles(profile)
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:prod-startup;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
                        "--" + secretProperty)
                .close();
    }
}
