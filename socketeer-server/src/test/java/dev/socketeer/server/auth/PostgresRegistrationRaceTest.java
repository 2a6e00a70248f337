package dev.socketeer.server.auth;

import dev.socketeer.server.OnPostgres;
import dev.socketeer.server.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link RegistrationRaceTest} on PostgreSQL, in a schema of its own: there the losing inserts wait on the
 * winner's unique index entry and fail when it commits. Skipped without PostgreSQL (see {@link OnPostgres}).
 */
@OnPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketeer.server.jwt.secret=" + TestTokens.SECRET)
class PostgresRegistrationRaceTest extends RegistrationRaceTest {
}
