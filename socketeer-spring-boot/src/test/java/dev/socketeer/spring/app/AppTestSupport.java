package dev.socketeer.spring.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs {@link TestApplication} on a random port (one context shared by the subclasses) and drives the
 * real Node {@code socket.io-client} against it.
 */
@ExtendWith(LeakGuard.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "socketeer.ping-interval=1s",
            "socketeer.ping-timeout=3s",
            "management.endpoints.web.exposure.include=health,prometheus",
            "management.endpoint.health.show-details=always",
            "socketeer.rate-limit.namespaces.[/limited].events-per-second=0.01",
            "socketeer.rate-limit.namespaces.[/limited].burst=1",
            "socketeer.rate-limit.namespaces.[/limited].action=error-ack"
        })
abstract class AppTestSupport {
    static NodeDriver driver;
    private final List<NodeClient> clients = new ArrayList<>();

    @LocalServerPort
    int port;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(NodeClient::close);
        clients.clear();
    }

    String url(String namespace) {
        return "http://localhost:" + port + namespace;
    }

    NodeClient connect(String namespace, Map<String, ?> options) {
        NodeClient client = driver.connect(url(namespace), options);
        clients.add(client);
        return client;
    }

    NodeClient connect(String namespace) {
        return connect(namespace, Map.of("reconnection", false));
    }

    static String token(String subject, Instant expires) {
        return sign(subject, expires, TestApplication.KEY);
    }

    static String tokenSignedWithAnotherKey(String subject) {
        SecretKey other = new SecretKeySpec("not-the-server-key-0123456789-abcdef".getBytes(), "HmacSHA256");
        return sign(subject, Instant.now().plusSeconds(600), other);
    }

    static String tokenWithRoles(String subject, String... roles) {
        return sign(subject, Instant.now().plusSeconds(600), TestApplication.KEY, roles);
    }

    private static String sign(String subject, Instant expires, SecretKey key, String... roles) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
                    .issueTime(Date.from(expires.minusSeconds(7200))).expirationTime(Date.from(expires));
            if (roles.length > 0) {
                builder.claim("roles", List.of(roles));
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
