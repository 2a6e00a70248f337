package dev.socketeer.server.customers;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.PostgresSchema;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Customers end to end on the real PostgreSQL server (127.0.0.1:5432), in a schema of its own. */
@RequiresService(Service.POSTGRESQL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "socketeer.server.jwt.secret=" + TestTokens.SECRET,
        "socketeer.server.admin.username=" + ApiTestClient.ADMIN_USERNAME,
        "socketeer.server.admin.password=" + ApiTestClient.ADMIN_PASSWORD,
        "socketeer.server.api-keys=" + ApiTestClient.API_KEY})
class PostgresCustomersEndToEndTest extends CustomersEndToEndTest {

    private static PostgresSchema schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresSchema.create(); // here, not in a static initializer: nothing runs when the class is skipped
        schema.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) schema.drop();
    }
}
