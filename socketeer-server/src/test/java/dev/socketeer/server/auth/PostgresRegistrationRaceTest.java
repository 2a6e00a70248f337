package dev.socketeer.server.auth;

import dev.socketeer.server.PostgresSchema;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RegistrationRaceTest} on PostgreSQL, in a schema of its own: there the losing inserts wait on the
 * winner's unique index entry and fail when it commits. Skipped without PostgreSQL (see {@link Service}).
 */
@RequiresService(Service.POSTGRESQL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresRegistrationRaceTest extends RegistrationRaceTest {

    private static PostgresSchema schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresSchema.create();
        schema.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) schema.drop();
    }
}
