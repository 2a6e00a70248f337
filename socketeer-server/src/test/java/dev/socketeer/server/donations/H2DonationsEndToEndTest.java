package dev.socketeer.server.donations;

import dev.socketeer.server.TestTokens;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Seed 004 end to end on the default database: an H2 file database (like {@code ./data}), in target/. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class H2DonationsEndToEndTest extends DonationsEndToEndTest {

    @DynamicPropertySource
    static void fileDatabase(DynamicPropertyRegistry registry) {
        Path file = Path.of("target", "test-data", UUID.randomUUID().toString(), "socketeer").toAbsolutePath();
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:file:" + file + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}
