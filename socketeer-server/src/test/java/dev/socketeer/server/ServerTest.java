package dev.socketeer.server;

import dev.socketeer.testkit.LeakGuard;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port with an in-memory H2 database, the test signing secret, an
 * administrator ({@link ApiTestClient#ADMIN_USERNAME}), two API keys, a WhatsApp app secret and verify token
 * (no access token: sending is not configured), SSE heartbeats every second and tokens' users remembered
 * for 2 s. Every class with this annotation shares one Spring context; LeakGuard fails a class that leaks
 * Netty buffers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LeakGuard.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:server-test;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
        "socketeer.server.jwt.secret=" + TestTokens.SECRET,
        "socketeer.server.admin.username=" + ApiTestClient.ADMIN_USERNAME,
        "socketeer.server.admin.password=" + ApiTestClient.ADMIN_PASSWORD,
        "socketeer.server.notifications.sse-heartbeat=1s",
        "socketeer.server.api-keys=" + ApiTestClient.API_KEY + "," + ApiTestClient.SECOND_API_KEY,
        "socketeer.server.whatsapp.app-secret=" + ApiTestClient.WHATSAPP_APP_SECRET,
        "socketeer.server.whatsapp.verify-token=" + ApiTestClient.WHATSAPP_VERIFY_TOKEN,
        "socketeer.server.auth.user-cache-ttl=2s"})
public @interface ServerTest {}
