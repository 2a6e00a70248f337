package dev.socketeer.server.projects;

import static dev.socketeer.server.projects.SeedTwoApi.TIMEOUT;
import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static dev.socketeer.server.projects.SeedTwoApi.assertError;
import static dev.socketeer.server.projects.SeedTwoApi.barrier;
import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's project events on {@code /} with the real Node client (the seed's options plus a token): only
 * members get into a project's room; {@code project:update {type, data}} and {@code stage:completed} reach the
 * room after commit, {@code notification:new} every member's user room (stored too); anonymous and
 * non-member calls change nothing; leaving and being removed stop the events.
 */
@ServerTest
class ProjectEventsTest {

    private static NodeDriver driver;

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    SeedTwoApi api;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @BeforeEach
    void setUp() {
        api = new SeedTwoApi(port, io);
    }

    @Test
    void membersJoinTheRoomOthersAndAnonymousClientsAreRefused() {
        TestUser owner = api.newUser();
        TestUser stranger = api.newUser();
        long id = api.createProject(owner, "Bridge").path("id").asLong();
        try (NodeClient member = api.connect(driver, owner);
             NodeClient outsider = api.connect(driver, stranger);
             NodeClient pretender = api.connectWithUserIdOnly(driver, owner.id())) {
            JsonNode ack = ask(member, "join:project", Map.of("projectId", id));
            assertThat(ack.path("success").asBoolean()).isTrue();
            assertThat(ack.path("projectId").asLong()).isEqualTo(id);
            assertError(ask(outsider, "join:project", Map.of("projectId", id)), "Project " + id + " does not exist");
            assertError(ask(pretender, "join:project", Map.of("projectId", id)), "Unauthorized");
            assertError(ask(member, "join:project", Map.of("projectId", "x")), "Invalid payload: expected ProjectRef");
            assertError(ask(member, "join:project", Map.of()), "projectId: must not be null");
            // the seed's client sends ids as strings
            assertThat(ask(member, "join:project", Map.of("projectId", String.valueOf(id))).path("success").asBoolean())
                    .isTrue();

            body(api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + id, Map.of("status", "completed")), 200);
            JsonNode update = member.awaitEvent("project:update", TIMEOUT).get(0);
            assertThat(update.path("type").asString()).isEqualTo("status_change");
            assertThat(update.path("data").path("status").asString()).isEqualTo("completed");
            barrier(outsider);
            barrier(pretender);
            assertThat(outsider.received("project:update")).isEmpty();
            assertThat(pretender.received("project:update")).isEmpty();
            // without an ack the refusal is an exception event
            pretender.emit("join:project", Map.of("projectId", id));
            assertThat(pretender.awaitEvent("exception", TIMEOUT).get(0).path("message").asString())
                    .isEqualTo("Unauthorized");
        }
    }

    @Test
    void everyChangeReachesTheRoomAsProjectUpdateWithTheStoredProject() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        long id = api.createProject(owner, "Road", member).path("id").asLong();
        try (NodeClient client = api.connect(driver, member)) {
            ask(client, "join:project", Map.of("projectId", id));
            JsonNode renamed = body(api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + id,
                    Map.of("name", "Highway")), 200);
            assertUpdate(client, "details_change", renamed);
            body(api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + id, Map.of("name", "Highway")), 200);
            api.addStage(owner, id, "Survey");
            JsonNode withStage = body(api.call(HttpMethod.GET, owner, "/api/v1/projects/" + id, null), 200);
            assertUpdate(client, "stage_added", withStage); // the unchanged PATCH emitted nothing before it
            TestUser newcomer = api.newUser();
            JsonNode grown = body(api.call(HttpMethod.POST, owner, "/api/v1/projects/" + id + "/members",
                    Map.of("userId", newcomer.id())), 200);
            assertUpdate(client, "member_added", grown);
            api.call(HttpMethod.DELETE, owner, "/api/v1/projects/" + id, null).expectStatus().isNoContent();
            JsonNode deleted = client.awaitEvent("project:update", TIMEOUT).get(0);
            assertThat(deleted.path("type").asString()).isEqualTo("deleted");
            assertThat(deleted.path("data").path("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void stageCompletionReachesTheRoomAndNotifiesEveryMemberInTheirUserRoom() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser stranger = api.newUser();
        long id = api.createProject(owner, "Tower", member).path("id").asLong();
        long stageId = api.addStage(owner, id, "Crane").path("id").asLong();
        try (NodeClient inRoom = api.connect(driver, owner);
             NodeClient elsewhere = api.connect(driver, member);
             NodeClient outsider = api.connect(driver, stranger)) {
            ask(inRoom, "join:project", Map.of("projectId", id));
            JsonNode stage = body(api.call(HttpMethod.POST, member,
                    "/api/v1/projects/" + id + "/stages/" + stageId + "/complete", null), 200);
            assertThat(inRoom.awaitEvent("stage:completed", TIMEOUT).get(0)).isEqualTo(stage);
            for (var pair : List.of(Map.entry(inRoom, owner), Map.entry(elsewhere, member))) {
                JsonNode notification = pair.getKey().awaitEvent("notification:new", TIMEOUT).get(0);
                assertThat(notification.path("userId").asLong()).isEqualTo(pair.getValue().id());
                assertThat(notification.path("type").asString()).isEqualTo("success");
                assertThat(notification.path("title").asString()).isEqualTo("Stage completed");
                assertThat(notification.path("data").path("stageId").asLong()).isEqualTo(stageId);
                JsonNode stored = body(api.call(HttpMethod.GET, pair.getValue(), "/api/v1/notifications", null), 200);
                assertThat(stored.path("content").get(0)).isEqualTo(notification);
            }
            // stage:completed to the room was emitted before the notifications
            assertThat(elsewhere.received("stage:completed")).isEmpty();
            barrier(outsider);
            assertThat(outsider.received("notification:new")).isEmpty();
            assertThat(outsider.received("stage:completed")).isEmpty();
        }
    }

    @Test
    void leavingOrBeingRemovedStopsTheEvents() {
        TestUser owner = api.newUser();
        TestUser leaver = api.newUser();
        TestUser removed = api.newUser();
        long id = api.createProject(owner, "Canal", leaver, removed).path("id").asLong();
        try (NodeClient ownerClient = api.connect(driver, owner);
             NodeClient leaverClient = api.connect(driver, leaver);
             NodeClient removedClient = api.connect(driver, removed)) {
            for (NodeClient c : List.of(ownerClient, leaverClient, removedClient)) {
                ask(c, "join:project", Map.of("projectId", id));
            }
            assertThat(ask(leaverClient, "leave:project", Map.of("projectId", id)).path("success").asBoolean()).isTrue();
            api.call(HttpMethod.DELETE, owner, "/api/v1/projects/" + id + "/members/" + removed.id(), null)
                    .expectStatus().isNoContent();
            assertThat(ownerClient.awaitEvent("project:update", TIMEOUT).get(0).path("type").asString())
                    .isEqualTo("member_removed");
            body(api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + id, Map.of("name", "Lock")), 200);
            assertThat(ownerClient.awaitEvent("project:update", TIMEOUT).get(0).path("type").asString())
                    .isEqualTo("details_change");
            barrier(leaverClient);
            assertThat(leaverClient.received("project:update")).isEmpty();
            assertThat(removedClient.received("project:update")).allSatisfy(args ->
                    assertThat(args.get(0).path("type").asString()).isEqualTo("member_removed"));
            assertError(ask(removedClient, "join:project", Map.of("projectId", id)), "Project " + id + " does not exist");
        }
    }

    private static void assertUpdate(NodeClient client, String type, JsonNode project) {
        JsonNode update = client.awaitEvent("project:update", TIMEOUT).get(0);
        assertThat(update.path("type").asString()).isEqualTo(type);
        assertThat(update.path("data")).isEqualTo(project);
    }
}
