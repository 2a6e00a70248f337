package dev.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes the nginx configuration that the sticky-session tests run ({@link Nginx#STICKY}). */
class NginxReadmeTest {

    @Test
    void theReadmeShowsTheTestedNginxConfigurationWordForWord() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("```nginx\n" + Nginx.STICKY + "```\n");
    }

    @Test
    void testsRunItWithTheirOwnAddresses() {
        String config = Nginx.sticky(18080, 41001, 41002);
        assertThat(config).contains("listen 127.0.0.1:18080;", "server 127.0.0.1:41001;",
                        "127.0.0.1:41002  127.0.0.1:41002;")
                .doesNotContain("3001", "3002", "listen 8080;");
    }
}
