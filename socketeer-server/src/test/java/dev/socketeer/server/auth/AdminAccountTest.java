package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first administrator from {@code socketeer.server.admin.*}: created at startup when both are set (the
 * test context sets them), left alone when it exists, nothing without both, and still no way to register as ADMIN.
 */
@ServerTest
class AdminAccountTest {

    @LocalServerPort
    int port;
    @Autowired
    UserRepository users;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void configuredAdministratorExistsAndLogsInAsAdmin() {
        ApiTestClient api = new ApiTestClient(port);
        String token = api.adminToken();
        api.http().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo(ApiTestClient.ADMIN_USERNAME)
                .jsonPath("$.roles.length()").isEqualTo(1)
                .jsonPath("$.roles[0]").isEqualTo("ADMIN");
    }

    @Test
    void anExistingAccountIsLeftAsItIs() {
        User before = users.findByUsername(ApiTestClient.ADMIN_USERNAME).orElseThrow();
        run("ADMIN", "another password entirely");
        User after = users.findByUsername(ApiTestClient.ADMIN_USERNAME).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
        assertThat(passwords.matches(ApiTestClient.ADMIN_PASSWORD, after.passwordHash())).isTrue();
        assertThat(after.roleSet()).containsExactly(Role.ADMIN);
    }

    @Test
    void anExistingUserIsNotPromoted() {
        ApiTestClient api = new ApiTestClient(port);
        String username = ApiTestClient.newUsername();
        api.register(username, "correct horse battery");
        run(username, "a password for the admin");
        User user = users.findByUsername(username).orElseThrow();
        assertThat(user.roleSet()).containsExactly(Role.USER);
        assertThat(passwords.matches("correct horse battery", user.passwordHash())).isTrue();
    }

    @Test
    void createsTheAdministratorWhenBothAreSetAndNothingOtherwise() {
        String name = ApiTestClient.newUsername();
        run(name, null);
        run(null, "a password for the admin");
        run(name, "");
        assertThat(users.existsByUsername(name)).isFalse();
        run(name.toUpperCase(), "a password for the admin");
        assertThat(users.findByUsername(name).orElseThrow().roleSet()).containsExactly(Role.ADMIN);
        new ApiTestClient(port).login(name, "a password for the admin");
    }

    @Test
    void refusesAPasswordRegistrationWouldRefuse() {
        assertThatThrownBy(() -> run(ApiTestClient.newUsername(), "short"))
                .hasMessageContaining("socketeer.server.admin.password");
        assertThatThrownBy(() -> run("a b", "long enough password"))
                .hasMessageContaining("socketeer.server.admin.username");
    }

    @Test
    void nobodyRegistersAsAdmin() {
        new ApiTestClient(port).http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", ApiTestClient.newUsername(), "password", "correct horse battery", "role", "ADMIN"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void run(String username, String password) {
        new AdminAccount(new AdminProperties(username, password), users, passwords).run(null);
    }
}
