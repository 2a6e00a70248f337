package dev.socketeer.server.claims;

import dev.socketeer.server.OnPostgres;
import dev.socketeer.server.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Seed 000 end to end on the real PostgreSQL server (127.0.0.1:5432), in a schema of its own. Skipped when
 * PostgreSQL does not answer (failed instead when {@code SOCKETEER_REQUIRE_SERVICES} lists it): the condition
 * runs before Spring builds the context, which is what creates the schema.
 */
@OnPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresClaimsEndToEndTest extends ClaimsEndToEndTest {
}
