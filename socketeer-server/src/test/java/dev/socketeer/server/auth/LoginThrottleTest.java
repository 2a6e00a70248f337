package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.TestTokens;
import dev.socketeer.server.auth.LoginFrom.Answer;
import dev.socketeer.testkit.LeakGuard;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Failed logins are throttled per account and per client address (here 3 and 6 failures per 10 minutes), as
 * real clients on several loopback addresses see it: 429 problems with {@code Retry-After}, the right password
 * refused while throttled, successes never counted, a user's own address not locked out by another's failures,
 * and one BCrypt check per attempt whether the user exists or not. Its own context: throttling is per server.
 */
@ExtendWith(LeakGuard.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
        "socketeer.server.jwt.secret=" + TestTokens.SECRET,
        "socketeer.server.auth.login-rate.account-failures=3",
        "socketeer.server.auth.login-rate.address-failures=6",
        "socketeer.server.auth.login-rate.window=10m"})
class LoginThrottleTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String WRONG = "wrong horse battery";
    /** Every hash BCrypt compared a password with, in order. */
    static final List<String> CHECKED_HASHES = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class CountingPasswords {
        @Bean
        @Primary
        PasswordEncoder countingPasswordEncoder() {
            return new BCryptPasswordEncoder() {
                @Override
                protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
                    CHECKED_HASHES.add(encodedPassword);
                    return super.matchesNonNull(rawPassword, encodedPassword);
                }
            };
        }
    }

    @LocalServerPort
    int port;
    ApiTestClient api;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
    }

    @Test
    void failedLoginsOfOneAccountAreThrottledWith429AndRetryAfter() {
        String user = registered();
        for (int i = 0; i < 3; i++) {
            assertThat(login("127.0.0.2", user, WRONG).status()).isEqualTo(401);
        }
        assertThrottled(login("127.0.0.2", user, WRONG));
        assertThrottled(login("127.0.0.2", user, PASSWORD));                  // the right one too, while throttled
        assertThrottled(login("127.0.0.2", user.toUpperCase(), PASSWORD));    // the account, however it is spelt
    }

    @Test
    void anAddressIsThrottledAcrossUsernames() {
        String user = registered();
        for (int i = 0; i < 6; i++) {
            assertThat(login("127.0.0.3", ApiTestClient.newUsername(), WRONG).status()).isEqualTo(401);
        }
        assertThrottled(login("127.0.0.3", user, PASSWORD));
        assertThat(login("127.0.0.33", user, PASSWORD).status()).isEqualTo(200); // elsewhere the user is not throttled
    }

    @Test
    void anotherAddressesFailuresDoNotLockOutTheAddressTheUserLogsInFrom() {
        String user = registered();
        assertThat(login("127.0.0.4", user, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(login("127.0.0.5", user, WRONG).status()).isEqualTo(401);
        }
        assertThrottled(login("127.0.0.5", user, PASSWORD));
        // the per-account bound holds for addresses the user has not logged in from...
        assertThrottled(login("127.0.0.6", user, PASSWORD));
        // ...but where the user logged in before, the attacker's failures do not lock the user out
        assertThat(login("127.0.0.4", user, PASSWORD).status()).isEqualTo(200);
        assertThat(login("127.0.0.4", user, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void successfulLoginsAreNeverCounted() {
        String user = registered();
        for (int i = 0; i < 12; i++) {
            assertThat(login("127.0.0.7", user, PASSWORD).status()).as("login %d", i).isEqualTo(200);
        }
    }

    @Test
    void anUnknownUserCostsOneBcryptCheckLikeAKnownOne() {
        String user = registered();
        int before = CHECKED_HASHES.size();
        assertThat(login("127.0.0.8", user, WRONG).status()).isEqualTo(401);
        assertThat(CHECKED_HASHES).hasSize(before + 1);
        String storedHash = CHECKED_HASHES.get(before);

        assertThat(login("127.0.0.8", ApiTestClient.newUsername(), WRONG).status()).isEqualTo(401);
        assertThat(CHECKED_HASHES).hasSize(before + 2);
        String dummyHash = CHECKED_HASHES.get(before + 1);
        // a real BCrypt hash of the same cost, so the unknown user's answer takes as long as a known one's
        assertThat(dummyHash).isNotEqualTo(storedHash).startsWith(storedHash.substring(0, 7)).hasSize(60);
    }

    private String registered() {
        String username = ApiTestClient.newUsername();
        api.register(username, PASSWORD);
        return username;
    }

    private Answer login(String from, String username, String password) {
        return LoginFrom.login(from, port, username, password);
    }

    private static void assertThrottled(Answer answer) {
        assertThat(answer.status()).as("answer %s", answer).isEqualTo(429);
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("Too many failed logins");
        assertThat(Long.parseLong(answer.header("retry-after"))).isBetween(1L, 600L);
    }
}
