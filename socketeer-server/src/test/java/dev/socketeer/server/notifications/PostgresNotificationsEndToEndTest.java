package dev.socketeer.server.notifications;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.OnPostgres;
import dev.socketeer.server.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;

/** Seed 003 end to end on the real PostgreSQL server (127.0.0.1:5432), in a schema of its own. */
@OnPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "socketeer.server.jwt.secret=" + TestTokens.SECRET,
        "socketeer.server.admin.username=" + ApiTestClient.ADMIN_USERNAME,
        "socketeer.server.admin.password=" + ApiTestClient.ADMIN_PASSWORD})
class PostgresNotificationsEndToEndTest extends NotificationsEndToEndTest {
}
