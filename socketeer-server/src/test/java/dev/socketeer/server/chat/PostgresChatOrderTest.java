package dev.socketeer.server.chat;

import dev.socketeer.server.PostgresSchema;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat order on the real PostgreSQL server (127.0.0.1:5432, a schema of its own), where the row lock and
 * the identity's commit order are PostgreSQL's: a smaller load, 5 senders × 20 messages. Skipped when
 * PostgreSQL does not answer (failed instead when {@code SOCKETEER_REQUIRE_SERVICES} lists it).
 */
@RequiresService(Service.POSTGRESQL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresChatOrderTest extends ChatOrderTest {

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

    @Override
    int senders() {
        return 5;
    }

    @Override
    int messagesEach() {
        return 20;
    }
}
