package dev.socketeer.server.donations;

import static dev.socketeer.server.donations.DonationsApi.assertProblem;
import static dev.socketeer.server.donations.DonationsApi.body;
import static dev.socketeer.server.donations.DonationsApi.donation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ServerTest;
import dev.socketeer.server.donations.DonationsApi.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The REST side of donations: validation naming fields, optional fields, get, and the paged status filter. */
@ServerTest
class DonationsRestTest {

    @LocalServerPort
    int port;
    DonationsApi api;
    TestUser donor;
    TestUser ngo;

    @BeforeEach
    void setUp() {
        api = new DonationsApi(port);
        donor = api.register("DONOR");
        ngo = api.register("NGO");
    }

    @Test
    void invalidDonationIs400NamingEveryField() {
        Map<String, Object> body = donation(" ");
        body.put("foodType", "x".repeat(101));
        body.put("location", Map.of("lat", 91, "lng", -180.5, "address", ""));
        body.put("expiryTime", Instant.now().minusSeconds(1).toString());
        body.put("imageUrls", List.of("ftp://img.example/a.jpg", "not a url", "https://ok.example/b.jpg"));
        JsonNode problem = body(api.post(donor.token(), body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asString()).containsExactlyInAnyOrder(
                "name", "foodType", "location.lat", "location.lng", "location.address", "expiryTime",
                "imageUrls[0]", "imageUrls[1]");
        assertThat(problem.path("detail").asString()).contains("imageUrls[0] must be an http or https URL",
                "location.lat must be less than or equal to 90");

        Map<String, Object> tooMany = donation("Many pictures");
        tooMany.put("imageUrls", Collections.nCopies(11, "https://img.example/a.jpg"));
        tooMany.remove("location");
        JsonNode second = body(api.post(donor.token(), tooMany).expectStatus().isBadRequest());
        assertThat(second.path("errors")).extracting(e -> e.path("field").asString())
                .containsExactlyInAnyOrder("imageUrls", "location");
    }

    @Test
    void descriptionAndImagesAreOptionalAndIdsAreCaseInsensitive() {
        Map<String, Object> body = donation("Plain rice");
        body.remove("description");
        body.remove("imageUrls");
        JsonNode created = api.create(donor, body);
        assertThat(created.path("description").isNull()).isTrue();
        assertThat(created.path("imageUrls")).isEmpty();
        assertThat(created.path("claimedBy").isNull()).isTrue();
        assertThat(created.path("deliveredAt").isNull()).isTrue();

        String id = created.path("id").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(body(api.get(ngo.token(), "/api/v1/donations/" + id.toUpperCase()).expectStatus().isOk()))
                .isEqualTo(created);
        assertProblem(api.get(ngo.token(), "/api/v1/donations/6f1c0c1e-7c39-4f5e-9a53-1d2a3b4c5d6e"), 404,
                "Donation not found");
        assertProblem(api.get(ngo.token(), "/api/v1/donations/42"), 404, "Donation not found");
    }

    @Test
    void unknownStatusIs400NamingTheField() {
        String id = api.create(donor, donation("Milk")).path("id").asString();
        api.updateStatus(ngo.token(), id, "LOST").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("status must be one of"));
        api.get(ngo.token(), "/api/v1/donations?status=EXPIRED").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        api.get(ngo.token(), "/api/v1/donations?size=0").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void listingFiltersByStatusNewestFirstInPages() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("First", "Second", "Third")) ids.add(api.create(donor, donation(name)).path("id").asString());
        api.claim(ngo.token(), ids.get(0)).expectStatus().isOk();

        JsonNode available = body(api.get(ngo.token(), "/api/v1/donations?status=AVAILABLE&page=0&size=2")
                .expectStatus().isOk());
        assertThat(available.path("content")).extracting(d -> d.path("id").asString())
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(available.path("size").asInt()).isEqualTo(2);
        assertThat(available.path("totalElements").asLong()).isGreaterThanOrEqualTo(2);

        JsonNode claimed = body(api.get(ngo.token(), "/api/v1/donations?status=CLAIMED&size=100").expectStatus().isOk());
        assertThat(claimed.path("content")).extracting(d -> d.path("status").asString()).containsOnly("CLAIMED");
        assertThat(claimed.path("content")).extracting(d -> d.path("id").asString()).contains(ids.get(0))
                .doesNotContain(ids.get(1), ids.get(2));

        JsonNode all = body(api.get(ngo.token(), "/api/v1/donations?size=3").expectStatus().isOk());
        assertThat(all.path("content")).extracting(d -> d.path("id").asString())
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }
}
