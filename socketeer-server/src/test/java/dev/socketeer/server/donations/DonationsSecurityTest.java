package dev.socketeer.server.donations;

import static dev.socketeer.server.donations.DonationsApi.assertProblem;
import static dev.socketeer.server.donations.DonationsApi.donation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ServerTest;
import dev.socketeer.server.donations.DonationsApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Who may call {@code /api/v1/donations}: only donors create, only NGOs claim and change status, any user
 * with a token reads, nobody without one; a wrong role is a 403 problem and emits nothing.
 */
@ServerTest
class DonationsSecurityTest {

    private static final String WRONG_ROLE = "Your roles do not allow this request";

    @LocalServerPort
    int port;
    DonationsApi api;
    TestUser user;
    TestUser donor;
    TestUser ngo;

    @BeforeEach
    void setUp() {
        api = new DonationsApi(port);
        user = api.register("USER");
        donor = api.register("DONOR");
        ngo = api.register("NGO");
    }

    @Test
    void wrongRolesAre403ProblemsAndEmitNothing() {
        try (NodeDriver driver = new NodeDriver();
             NodeClient observer = driver.connect("http://localhost:" + port + DonationsGateway.NAMESPACE,
                     Map.of("auth", Map.of("token", user.token())))) {
            observer.awaitConnect();
            assertProblem(api.post(user.token(), donation("Not a donor's")), 403, WRONG_ROLE);
            assertProblem(api.post(ngo.token(), donation("Not a donor's")), 403, WRONG_ROLE);
            String id = api.create(donor, donation("Pasta")).path("id").asString();
            assertProblem(api.claim(donor.token(), id), 403, WRONG_ROLE);
            assertProblem(api.claim(user.token(), id), 403, WRONG_ROLE);
            api.claim(ngo.token(), id).expectStatus().isOk();
            assertProblem(api.updateStatus(donor.token(), id, "PICKED_UP"), 403, WRONG_ROLE);
            assertProblem(api.updateStatus(user.token(), id, "PICKED_UP"), 403, WRONG_ROLE);

            // in order: the only events are the one creation and the one claim
            String marker = api.create(donor, donation("Marker")).path("id").asString();
            assertThat(observer.awaitEvents(DonationsGateway.CREATED, 2, Duration.ofSeconds(10)))
                    .extracting(args -> args.get(0).path("id").asString()).containsExactly(id, marker);
            assertThat(observer.received(DonationsGateway.CLAIMED)).hasSize(1);
            assertThat(observer.received(DonationsGateway.STATUS_UPDATED)).isEmpty();
        }
    }

    @Test
    void everyUserWithATokenMayReadAndNobodyWithoutOne() {
        String id = api.create(donor, donation("Cheese")).path("id").asString();
        for (TestUser reader : new TestUser[] {user, donor, ngo}) {
            api.get(reader.token(), "/api/v1/donations/" + id).expectStatus().isOk();
            api.get(reader.token(), "/api/v1/donations").expectStatus().isOk();
        }
        api.http().get().uri("/api/v1/donations").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.http().get().uri("/api/v1/donations/{id}", id).exchange().expectStatus().isUnauthorized();
        api.http().post().uri("/api/v1/donations").contentType(MediaType.APPLICATION_JSON).bodyValue(donation("x"))
                .exchange().expectStatus().isUnauthorized();
        api.http().post().uri("/api/v1/donations/{id}/claim", id).exchange().expectStatus().isUnauthorized();
        api.http().patch().uri("/api/v1/donations/{id}/status", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "PICKED_UP")).exchange().expectStatus().isUnauthorized();
    }
}
