package dev.socketeer.server.chat;

import dev.socketeer.server.OnPostgres;
import dev.socketeer.server.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The chat order on the real PostgreSQL server (127.0.0.1:5432, a schema of its own), where the row lock and
 * the identity's commit order are PostgreSQL's: a smaller load, 5 senders × 20 messages. Skipped when
 * PostgreSQL does not answer (failed instead when {@code SOCKETEER_REQUIRE_SERVICES} lists it).
 */
@OnPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresChatOrderTest extends ChatOrderTest {

    @Override
    int senders() {
        return 5;
    }

    @Override
    int messagesEach() {
        return 20;
    }
}
