package dev.socketeer.server.donations;

import static dev.socketeer.server.donations.DonationsApi.assertProblem;
import static dev.socketeer.server.donations.DonationsApi.body;
import static dev.socketeer.server.donations.DonationsApi.donation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.donations.DonationsApi.TestUser;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 004 end to end: donations created, claimed and carried through their steps over HTTP reach the seed's
 * unchanged browser snippet (real socket.io-client under node, {@code io(url + "/donations", {auth: {token}})})
 * with exactly the seed's fields, after commit; refused requests emit nothing; the donor gets a stored
 * notification per step; of 20 NGOs claiming at once exactly one wins. Subclasses choose the database (H2,
 * PostgreSQL); the assertions are the same.
 */
@ExtendWith(LeakGuard.class)
abstract class DonationsEndToEndTest {

    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    static final List<String> CREATED_FIELDS = List.of("id", "name", "foodType", "quantity", "unit", "description",
            "location", "donorName", "expiryTime", "imageUrls", "createdAt");
    static final List<String> CLAIMED_FIELDS = List.of("donationId", "claimedBy", "status", "claimedAt");
    static final List<String> STATUS_FIELDS = List.of("donationId", "status", "updatedBy", "updatedAt");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    @Autowired
    JdbcTemplate jdbc;

    DonationsApi api;
    TestUser donor;
    TestUser ngo;
    DonationsSnippet snippet;

    String socketUrl() {
        return ApiTestClient.socketUrl(io, port);
    }

    @BeforeEach
    void connectSnippet() throws Exception {
        api = new DonationsApi(port);
        donor = api.register("DONOR");
        ngo = api.register("NGO");
        snippet = DonationsSnippet.start(socketUrl(), ngo.token());
        snippet.awaitConnected();
    }

    @AfterEach
    void closeSnippet() throws Exception {
        if (snippet != null) snippet.close();
    }

    @Test
    void createdDonationReachesEveryClientWithExactlyTheSeedFieldsAndTheDonorsName() throws Exception {
        Map<String, Object> body = donation("Sourdough bread");
        body.put("donorName", "mallory"); // ignored: the display name is the donor's
        try (NodeDriver driver = new NodeDriver();
             NodeClient websocket = driver.connect(socketUrl() + "/donations",
                     Map.of("auth", Map.of("token", donor.token()), "transports", List.of("websocket")))) {
            websocket.awaitConnect();
            JsonNode created = api.create(donor, body);

            assertThat(created.path("donorName").asString()).isEqualTo(donor.username());
            assertThat(created.path("donorId").asString()).isEqualTo(donor.id());
            assertThat(created.path("status").asString()).isEqualTo("AVAILABLE");
            JsonNode event = snippet.next(DonationsGateway.CREATED, EVENT_TIMEOUT);
            assertThat(fieldNames(event)).containsExactlyElementsOf(CREATED_FIELDS);
            for (String field : CREATED_FIELDS) {
                assertThat(event.get(field)).as(field).isEqualTo(created.get(field));
            }
            assertThat(event.path("location")).isEqualTo(JSON.valueToTree(body.get("location")));
            assertThat(event.path("imageUrls")).isEqualTo(JSON.valueToTree(body.get("imageUrls")));
            assertThat(Instant.parse(event.path("expiryTime").asString()))
                    .isEqualTo(Instant.parse((String) body.get("expiryTime")).truncatedTo(ChronoUnit.MILLIS));
            assertThat(websocket.awaitEvent(DonationsGateway.CREATED, EVENT_TIMEOUT).get(0)).isEqualTo(event);
        }
    }

    @Test
    void claimAndEachStepAreBroadcastRecordedAndToldToTheDonor() throws Exception {
        String id = createAndSkipEvent("Vegetable soup");

        JsonNode claimed = body(api.claim(ngo.token(), id).expectStatus().isOk());
        assertThat(claimed.path("status").asString()).isEqualTo("CLAIMED");
        assertThat(claimed.path("claimedBy").asString()).isEqualTo(ngo.id());
        JsonNode claimedEvent = snippet.next(DonationsGateway.CLAIMED, EVENT_TIMEOUT);
        assertThat(fieldNames(claimedEvent)).containsExactlyElementsOf(CLAIMED_FIELDS);
        assertThat(claimedEvent.path("donationId").asString()).isEqualTo(id);
        assertThat(claimedEvent.get("claimedBy")).isEqualTo(claimed.get("claimedBy")); // a string, the NGO's id
        assertThat(claimedEvent.path("status").asString()).isEqualTo("CLAIMED");
        assertThat(claimedEvent.get("claimedAt")).isEqualTo(claimed.get("claimedAt"));

        JsonNode pickedUp = body(api.updateStatus(ngo.token(), id, "PICKED_UP").expectStatus().isOk());
        assertThat(pickedUp.path("pickedUpBy").asString()).isEqualTo(ngo.id());
        assertStatusEvent(id, "PICKED_UP", pickedUp.get("pickedUpAt"));

        JsonNode delivered = body(api.updateStatus(ngo.token(), id, "DELIVERED").expectStatus().isOk());
        assertThat(delivered.path("deliveredBy").asString()).isEqualTo(ngo.id());
        assertStatusEvent(id, "DELIVERED", delivered.get("deliveredAt"));

        JsonNode fetched = body(api.get(donor.token(), "/api/v1/donations/" + id).expectStatus().isOk());
        assertThat(fetched).isEqualTo(delivered);
        assertThat(fetched.path("status").asString()).isEqualTo("DELIVERED");
        for (String who : List.of("claimedBy", "pickedUpBy", "deliveredBy")) {
            assertThat(fetched.path(who).asString()).as(who).isEqualTo(ngo.id());
        }
        Instant claimedAt = Instant.parse(fetched.path("claimedAt").asString());
        Instant pickedUpAt = Instant.parse(fetched.path("pickedUpAt").asString());
        assertThat(claimedAt).isBeforeOrEqualTo(pickedUpAt)
                .isBeforeOrEqualTo(Instant.parse(fetched.path("deliveredAt").asString()));

        List<Map<String, Object>> told = jdbc.queryForList(
                "SELECT type, title, message, data FROM notification WHERE user_id = ? ORDER BY id",
                Long.parseLong(donor.id()));
        assertThat(told).extracting(n -> n.get("title"))
                .containsExactly("Donation claimed", "Donation picked up", "Donation delivered");
        assertThat(told).extracting(n -> ((String) n.get("type")).toLowerCase())
                .containsExactly("success", "info", "success");
        assertThat(told).allSatisfy(n -> assertThat((String) n.get("message"))
                .contains("\"Vegetable soup\"", ngo.username()));
        assertThat(told).extracting(n -> JSON.readTree((String) n.get("data"))).containsExactly(
                JSON.valueToTree(Map.of("donationId", id, "status", "CLAIMED")),
                JSON.valueToTree(Map.of("donationId", id, "status", "PICKED_UP")),
                JSON.valueToTree(Map.of("donationId", id, "status", "DELIVERED")));
        assertNextEventIsOnlyAMarker();
    }

    @Test
    void refusedRequestsAnswerProblemsEmitNothingAndTellTheDonorNothing() throws Exception {
        Map<String, Object> invalid = donation("Bad");
        invalid.put("location", Map.of("lat", 91, "lng", 13.4, "address", "Nowhere"));
        invalid.put("expiryTime", Instant.now().minusSeconds(60).toString());
        api.post(donor.token(), invalid).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("location.lat", "expiryTime"));

        assertProblem(api.claim(ngo.token(), "6f1c0c1e-7c39-4f5e-9a53-1d2a3b4c5d6e"), 404, "Donation not found");
        assertProblem(api.claim(ngo.token(), "not-a-uuid"), 404, "Donation not found");

        String expiring = createAndSkipEvent("Yesterday's salad");
        jdbc.update("UPDATE donation SET expiry_time = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), expiring); // time passes
        assertProblem(api.claim(ngo.token(), expiring), 400, "Donation is not available for claiming");

        String id = createAndSkipEvent("Apples");
        assertProblem(api.updateStatus(ngo.token(), id, "PICKED_UP"), 400,
                "Donation is AVAILABLE; it must be claimed first (POST /api/v1/donations/{id}/claim)");
        api.claim(ngo.token(), id).expectStatus().isOk();
        snippet.next(DonationsGateway.CLAIMED, EVENT_TIMEOUT);
        TestUser otherNgo = api.register("NGO");
        assertProblem(api.claim(otherNgo.token(), id), 400, "Donation is not available for claiming");
        assertProblem(api.updateStatus(otherNgo.token(), id, "PICKED_UP"), 403,
                "Only the NGO that claimed this donation can change its status");
        assertProblem(api.updateStatus(ngo.token(), id, "DELIVERED"), 400,
                "Donation is CLAIMED; only PICKED_UP can follow, not DELIVERED");
        assertProblem(api.updateStatus(ngo.token(), id, "AVAILABLE"), 400,
                "Donation is CLAIMED; only PICKED_UP can follow, not AVAILABLE");
        assertProblem(api.updateStatus(ngo.token(), "6f1c0c1e-7c39-4f5e-9a53-1d2a3b4c5d6e", "PICKED_UP"), 404,
                "Donation not found");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE user_id = ?", Long.class,
                Long.parseLong(donor.id()))).as("only the one successful claim told the donor").isEqualTo(1);
        JsonNode stored = body(api.get(ngo.token(), "/api/v1/donations/" + id).expectStatus().isOk());
        assertThat(stored.path("status").asString()).isEqualTo("CLAIMED");
        assertThat(stored.path("pickedUpBy").isNull()).isTrue();
        assertNextEventIsOnlyAMarker();
    }

    @Test
    void twentyNgosClaimingAtOnceExactlyOneWins() throws Exception {
        String id = createAndSkipEvent("Wedding buffet leftovers");
        List<TestUser> ngos = new ArrayList<>();
        for (int i = 0; i < 20; i++) ngos.add(api.register("NGO"));

        List<ClaimRace.Outcome> outcomes = ClaimRace.run(port, id, ngos.stream().map(TestUser::token).toList());

        assertThat(outcomes).extracting(ClaimRace.Outcome::status).filteredOn(s -> s == 200).hasSize(1);
        assertThat(outcomes).extracting(ClaimRace.Outcome::status).filteredOn(s -> s == 400).hasSize(19);
        ClaimRace.Outcome won = outcomes.stream().filter(o -> o.status() == 200).findFirst().orElseThrow();
        String winner = ngos.get(outcomes.indexOf(won)).id();
        assertThat(JSON.readTree(won.body()).path("claimedBy").asString()).isEqualTo(winner);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).allSatisfy(o ->
                assertThat(JSON.readTree(o.body()).path("detail").asString())
                        .isEqualTo("Donation is not available for claiming"));

        JsonNode event = snippet.next(DonationsGateway.CLAIMED, EVENT_TIMEOUT);
        assertThat(event.path("donationId").asString()).isEqualTo(id);
        assertThat(event.path("claimedBy").asString()).isEqualTo(winner);
        JsonNode stored = body(api.get(ngo.token(), "/api/v1/donations/" + id).expectStatus().isOk());
        assertThat(stored.path("claimedBy").asString()).isEqualTo(winner);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE user_id = ?", Long.class,
                Long.parseLong(donor.id()))).isEqualTo(1);
        assertNextEventIsOnlyAMarker(); // exactly one donation.claimed
    }

    /** Creates a donation; the snippet's next line must be its {@code donation.created}. Returns the id. */
    private String createAndSkipEvent(String name) throws InterruptedException {
        String id = api.create(donor, donation(name)).path("id").asString();
        assertThat(snippet.next(DonationsGateway.CREATED, EVENT_TIMEOUT).path("id").asString()).isEqualTo(id);
        return id;
    }

    private void assertStatusEvent(String id, String status, JsonNode at) throws InterruptedException {
        JsonNode event = snippet.next(DonationsGateway.STATUS_UPDATED, EVENT_TIMEOUT);
        assertThat(fieldNames(event)).containsExactlyElementsOf(STATUS_FIELDS);
        assertThat(event.path("donationId").asString()).isEqualTo(id);
        assertThat(event.path("status").asString()).isEqualTo(status);
        assertThat(event.path("updatedBy").isString()).isTrue();
        assertThat(event.path("updatedBy").asString()).isEqualTo(ngo.id());
        assertThat(event.get("updatedAt")).isEqualTo(at);
    }

    /** Creates a marker donation: the snippet's very next line must be it, so nothing was emitted before. */
    private void assertNextEventIsOnlyAMarker() throws InterruptedException {
        String marker = api.create(donor, donation("Marker")).path("id").asString();
        JsonNode next = snippet.next(EVENT_TIMEOUT);
        assertThat(next.path("event").asString()).as("next snippet line %s", next).isEqualTo(DonationsGateway.CREATED);
        assertThat(next.path("data").path("id").asString()).isEqualTo(marker);
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
