package dev.socketeer.server.chat;

import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
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
 * {@code /api/v1/conversations} over HTTP: creation (the creator participates; a project's conversation only
 * among its members), participants-only reads (404 for others), the caller's list, and the history's cursor
 * paging ({@code after}, {@code limit}, {@code nextCursor}), oldest first.
 */
@ServerTest
class ConversationsRestTest {

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
    void creatorParticipatesAndOnlyParticipantsSeeTheConversation() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        TestUser eve = api.newUser();
        JsonNode created = api.createConversation(alice, null, bob);
        long id = created.path("id").asLong();
        assertThat(created.path("projectId").isNull()).isTrue();
        assertThat(created.path("createdBy").asLong()).isEqualTo(alice.id());
        assertThat(ids(created.path("participantIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(body(api.call(HttpMethod.GET, bob, "/api/v1/conversations/" + id, null), 200)).isEqualTo(created);
        api.call(HttpMethod.GET, eve, "/api/v1/conversations/" + id, null).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Conversation " + id + " does not exist");
        api.call(HttpMethod.GET, eve, "/api/v1/conversations/" + id + "/messages", null).expectStatus().isNotFound();
        api.call(HttpMethod.GET, api.admin(), "/api/v1/conversations/" + id, null).expectStatus().isNotFound();
        api.call(HttpMethod.GET, null, "/api/v1/conversations/" + id, null).expectStatus().isUnauthorized();
        api.call(HttpMethod.POST, alice, "/api/v1/conversations", Map.of("participantIds", List.of(Long.MAX_VALUE)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid request: participantIds has unknown user ids: "
                        + Long.MAX_VALUE);
        api.call(HttpMethod.POST, alice, "/api/v1/conversations", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("participantIds");
    }

    @Test
    void aProjectsConversationIsAmongItsMembers() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        TestUser outsider = api.newUser();
        long projectId = api.createProject(owner, "Boat", member).path("id").asLong();
        JsonNode created = api.createConversation(member, projectId, owner);
        assertThat(created.path("projectId").asLong()).isEqualTo(projectId);
        api.call(HttpMethod.POST, owner, "/api/v1/conversations",
                        Map.of("projectId", projectId, "participantIds", List.of(member.id(), outsider.id())))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid request: participantIds has users who are not"
                        + " members of project " + projectId + ": " + outsider.id());
        api.call(HttpMethod.POST, outsider, "/api/v1/conversations",
                        Map.of("projectId", projectId, "participantIds", List.of()))
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Project " + projectId + " does not exist");

        JsonNode direct = api.createConversation(owner, null, member);
        JsonNode all = body(api.call(HttpMethod.GET, owner, "/api/v1/conversations", null), 200);
        assertThat(all.path("totalElements").asLong()).isEqualTo(2);
        assertThat(all.path("content").get(0)).isEqualTo(direct);
        assertThat(all.path("content").get(1)).isEqualTo(created);
        JsonNode ofProject = body(api.call(HttpMethod.GET, owner, "/api/v1/conversations?projectId=" + projectId, null), 200);
        assertThat(ofProject.path("totalElements").asLong()).isEqualTo(1);
        assertThat(ofProject.path("content").get(0)).isEqualTo(created);
    }

    @Test
    void historyPagesOldestFirstWithACursorThatEndsInNull() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        long id = api.createConversation(alice, null, bob).path("id").asLong();
        List<JsonNode> sent = new ArrayList<>();
        try (NodeDriver driver = new NodeDriver(); NodeClient client = api.connect(driver, alice)) {
            for (int i = 1; i <= 5; i++) {
                sent.add(ask(client, "message:send", Map.of("conversationId", id,
                        "message", Map.of("content", "Message " + i, "type", i == 3 ? "image" : "text"))));
            }
        }
        JsonNode first = api.history(bob, id, 0, 2);
        assertThat(first.path("items")).containsExactly(sent.get(0), sent.get(1));
        assertThat(first.path("nextCursor").asLong()).isEqualTo(sent.get(1).path("id").asLong());
        JsonNode second = api.history(bob, id, first.path("nextCursor").asLong(), 2);
        assertThat(second.path("items")).containsExactly(sent.get(2), sent.get(3));
        JsonNode last = api.history(bob, id, second.path("nextCursor").asLong(), 2);
        assertThat(last.path("items")).containsExactly(sent.get(4));
        assertThat(last.path("nextCursor").isNull()).isTrue();
        JsonNode exact = api.history(bob, id, sent.get(2).path("id").asLong(), 2);
        assertThat(exact.path("items")).containsExactly(sent.get(3), sent.get(4));
        assertThat(exact.path("nextCursor").isNull()).isTrue();
        assertThat(api.fullHistory(bob, id, 100)).containsExactlyElementsOf(sent);
        assertThat(sent.get(2).path("type").asString()).isEqualTo("image");

        JsonNode defaults = body(api.call(HttpMethod.GET, bob, "/api/v1/conversations/" + id + "/messages", null), 200);
        assertThat(defaults.path("items")).containsExactlyElementsOf(sent);
        for (String bad : List.of("limit=0", "limit=101", "after=-1")) {
            api.call(HttpMethod.GET, bob, "/api/v1/conversations/" + id + "/messages?" + bad, null)
                    .expectStatus().isBadRequest();
        }
    }

    static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }
}
