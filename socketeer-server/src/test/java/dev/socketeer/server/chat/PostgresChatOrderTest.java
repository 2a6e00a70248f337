package dev.socketeer.server.chat;

import dev.socketeer.server.PostgresSchema;
import dev.socketeer.server.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat order on the real PostgreSQL server (127.0.0.1:5432, a schema of its own), where the row lock and
 * the identity's commit order are PostgreSQL's: a smaller load, 5 senders × 20 messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresChatOrderTest extends ChatOrderTest {

    private static final PostgresSchema SCHEMA = PostgresSchema.create();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
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
