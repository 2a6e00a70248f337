package dev.socketeer.server.projects;

import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/projects} over HTTP: create (creator is a member), list of the caller's, get, update, delete
 * (creator or ADMIN), members and stages; non-members get 404 on everything, invalid bodies a 400 naming the
 * fields, no token a 401.
 */
@ServerTest
class ProjectsRestTest {

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    SeedTwoApi api;

    @BeforeEach
    void setUp() {
        api = new SeedTwoApi(port, io);
    }

    @Test
    void createdProjectHasTheCreatorAsMemberAndIsReadByMembersOnly() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser stranger = api.newUser();
        JsonNode created = body(api.call(HttpMethod.POST, owner, "/api/v1/projects",
                Map.of("name", "  Kitchen  ", "description", "Renovate it", "memberIds", List.of(member.id(), member.id()))),
                201);
        long id = created.path("id").asLong();
        assertThat(created.path("name").asString()).isEqualTo("Kitchen");
        assertThat(created.path("status").asString()).isEqualTo("active");
        assertThat(created.path("createdBy").asLong()).isEqualTo(owner.id());
        assertThat(ids(created.path("memberIds"))).containsExactly(Math.min(owner.id(), member.id()),
                Math.max(owner.id(), member.id()));
        assertThat(created.path("stages").isEmpty()).isTrue();
        assertThat(created.path("createdAt").asString()).isEqualTo(created.path("updatedAt").asString());

        assertThat(body(api.call(HttpMethod.GET, member, "/api/v1/projects/" + id, null), 200)).isEqualTo(created);
        assertNotFound(api.call(HttpMethod.GET, stranger, "/api/v1/projects/" + id, null).expectStatus().isNotFound(), id);
        api.call(HttpMethod.GET, null, "/api/v1/projects/" + id, null).expectStatus().isUnauthorized();
        assertThat(body(api.call(HttpMethod.GET, api.admin(), "/api/v1/projects/" + id, null), 200)).isEqualTo(created);
    }

    @Test
    void listingShowsTheCallersProjectsNewestFirstInPages() {
        TestUser owner = api.newUser();
        TestUser other = api.newUser();
        JsonNode first = api.createProject(owner, "First");
        JsonNode second = api.createProject(other, "Second", owner);
        api.createProject(other, "Not mine");
        JsonNode page = body(api.call(HttpMethod.GET, owner, "/api/v1/projects?page=0&size=1", null), 200);
        assertThat(page.path("totalElements").asLong()).isEqualTo(2);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("content").get(0)).isEqualTo(second);
        JsonNode next = body(api.call(HttpMethod.GET, owner, "/api/v1/projects?page=1&size=1", null), 200);
        assertThat(next.path("content").get(0)).isEqualTo(first);
        api.call(HttpMethod.GET, owner, "/api/v1/projects?size=101", null).expectStatus().isBadRequest();
    }

    @Test
    void invalidBodiesAre400NamingTheFields() {
        TestUser owner = api.newUser();
        api.call(HttpMethod.POST, owner, "/api/v1/projects", Map.of("name", " ", "memberIds", List.of(-1)))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("name", "memberIds[0]"));
        api.call(HttpMethod.POST, owner, "/api/v1/projects", Map.of("name", "Ghosts", "memberIds", List.of(Long.MAX_VALUE)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .isEqualTo("Invalid request: memberIds has unknown user ids: " + Long.MAX_VALUE));
        long id = api.createProject(owner, "Valid").path("id").asLong();
        api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + id, Map.of("status", "done", "name", ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("status", "name"));
        api.call(HttpMethod.POST, owner, "/api/v1/projects/" + id + "/stages", Map.of("name", "x".repeat(201)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void membersUpdateOnlyTheCreatorOrAnAdminDeletesAndNonMembersGet404() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser stranger = api.newUser();
        long id = api.createProject(owner, "Garden", member).path("id").asLong();

        JsonNode updated = body(api.call(HttpMethod.PATCH, member, "/api/v1/projects/" + id,
                Map.of("status", "on_hold", "description", "Waiting for spring")), 200);
        assertThat(updated.path("status").asString()).isEqualTo("on_hold");
        assertThat(updated.path("description").asString()).isEqualTo("Waiting for spring");
        assertThat(updated.path("name").asString()).isEqualTo("Garden");
        assertThat(updated.path("updatedAt").asString()).isNotEqualTo(updated.path("createdAt").asString());
        api.call(HttpMethod.PATCH, stranger, "/api/v1/projects/" + id, Map.of("name", "Mine")).expectStatus().isNotFound();

        api.call(HttpMethod.DELETE, member, "/api/v1/projects/" + id, null).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.call(HttpMethod.DELETE, stranger, "/api/v1/projects/" + id, null).expectStatus().isNotFound();
        api.call(HttpMethod.DELETE, owner, "/api/v1/projects/" + id, null).expectStatus().isNoContent();
        api.call(HttpMethod.GET, owner, "/api/v1/projects/" + id, null).expectStatus().isNotFound();

        long other = api.createProject(owner, "Shed").path("id").asLong();
        api.call(HttpMethod.DELETE, api.admin(), "/api/v1/projects/" + other, null).expectStatus().isNoContent();
        api.call(HttpMethod.GET, owner, "/api/v1/projects/" + other, null).expectStatus().isNotFound();
    }

    @Test
    void membersAreAddedAndRemovedAndTheCreatorStays() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser newcomer = api.newUser();
        long id = api.createProject(owner, "Roof", member).path("id").asLong();
        String members = "/api/v1/projects/" + id + "/members";

        JsonNode added = body(api.call(HttpMethod.POST, member, members, Map.of("userId", newcomer.id())), 200);
        assertThat(ids(added.path("memberIds"))).contains(newcomer.id());
        assertThat(body(api.call(HttpMethod.GET, newcomer, "/api/v1/projects/" + id, null), 200)).isEqualTo(added);
        api.call(HttpMethod.POST, member, members, Map.of("userId", Long.MAX_VALUE)).expectStatus().isBadRequest();

        api.call(HttpMethod.DELETE, member, members + "/" + newcomer.id(), null).expectStatus().isForbidden();
        api.call(HttpMethod.DELETE, newcomer, members + "/" + owner.id(), null).expectStatus().isEqualTo(409);
        api.call(HttpMethod.DELETE, newcomer, members + "/" + newcomer.id(), null).expectStatus().isNoContent();
        api.call(HttpMethod.GET, newcomer, "/api/v1/projects/" + id, null).expectStatus().isNotFound();
        api.call(HttpMethod.DELETE, owner, members + "/" + member.id(), null).expectStatus().isNoContent();
        api.call(HttpMethod.DELETE, owner, members + "/" + member.id(), null).expectStatus().isNotFound();
        assertThat(ids(body(api.call(HttpMethod.GET, owner, "/api/v1/projects/" + id, null), 200).path("memberIds")))
                .containsExactly(owner.id());
    }

    @Test
    void stagesAreAddedInOrderAndCompletedOnce() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser stranger = api.newUser();
        long id = api.createProject(owner, "House", member).path("id").asLong();
        JsonNode foundation = api.addStage(owner, id, "Foundation");
        JsonNode walls = api.addStage(member, id, "Walls");
        assertThat(foundation.path("projectId").asLong()).isEqualTo(id);
        assertThat(foundation.path("completedAt").isNull()).isTrue();
        api.call(HttpMethod.POST, stranger, "/api/v1/projects/" + id + "/stages", Map.of("name", "Mine"))
                .expectStatus().isNotFound();

        String complete = "/api/v1/projects/" + id + "/stages/" + foundation.path("id").asLong() + "/complete";
        api.call(HttpMethod.POST, stranger, complete, null).expectStatus().isNotFound();
        JsonNode done = body(api.call(HttpMethod.POST, member, complete, null), 200);
        assertThat(done.path("completedBy").asLong()).isEqualTo(member.id());
        assertThat(done.path("completedAt").isString()).isTrue();
        api.call(HttpMethod.POST, owner, complete, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("Stage " + foundation.path("id").asLong()
                        + " is already completed");
        api.call(HttpMethod.POST, owner, "/api/v1/projects/" + id + "/stages/" + Long.MAX_VALUE + "/complete", null)
                .expectStatus().isNotFound();

        JsonNode project = body(api.call(HttpMethod.GET, owner, "/api/v1/projects/" + id, null), 200);
        assertThat(project.path("stages").get(0)).isEqualTo(done);
        assertThat(project.path("stages").get(1)).isEqualTo(walls);
    }

    private static void assertNotFound(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec, long id) {
        spec.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Project " + id + " does not exist");
    }

    static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }
}
