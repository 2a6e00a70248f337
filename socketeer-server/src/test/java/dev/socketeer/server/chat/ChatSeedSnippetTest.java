package dev.socketeer.server.chat;

import static dev.socketeer.server.projects.SeedTwoApi.TIMEOUT;
import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.NodeSnippet;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's own front-end code ({@code compat/seeds/chat-snippet.js}: join a project and a conversation, send
 * "Hello!", listen) under node. With a token in the query it joins both rooms (ids sent as strings, as the seed
 * does), its message is stored and comes back as {@code message:new}, and it receives {@code project:update},
 * {@code stage:completed} and {@code notification:new}. With the seed's {@code query.userId} alone it is
 * anonymous: every emit is answered by an {@code Unauthorized} exception and nothing is stored.
 */
@ServerTest
class ChatSeedSnippetTest {

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    SeedTwoApi api;

    @BeforeEach
    void setUp() {
        api = new SeedTwoApi(port, io);
    }

    private NodeSnippet snippet(TestUser user, String token, long projectId, long conversationId) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SOCKETEER_URL", api.socketUrl());
        env.put("SOCKETEER_USER_ID", String.valueOf(user.id()));
        env.put("SOCKETEER_PROJECT_ID", String.valueOf(projectId));
        env.put("SOCKETEER_CONVERSATION_ID", String.valueOf(conversationId));
        if (token != null) env.put("SOCKETEER_TOKEN", token);
        return NodeSnippet.start("chat-snippet.js", env);
    }

    @Test
    void theSeedsClientWithATokenJoinsSendsAndReceivesEveryEvent() throws Exception {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        long projectId = api.createProject(owner, "Seed house", member).path("id").asLong();
        long stageId = api.addStage(owner, projectId, "Plans").path("id").asLong();
        long conversationId = api.createConversation(owner, projectId, member).path("id").asLong();
        try (NodeDriver driver = new NodeDriver();
             NodeClient ownerClient = api.connect(driver, owner);
             NodeSnippet seed = snippet(member, member.token(), projectId, conversationId)) {
            ask(ownerClient, "join:conversation", Map.of("conversationId", conversationId));
            seed.next("connect", TIMEOUT);

            JsonNode hello = seed.next("message:new", TIMEOUT).path("data");
            assertThat(hello.path("content").asString()).isEqualTo("Hello!");
            assertThat(hello.path("senderId").asLong()).isEqualTo(member.id());
            assertThat(ownerClient.awaitEvent("message:new", TIMEOUT).get(0)).isEqualTo(hello);
            assertThat(api.history(owner, conversationId, 0, 10).path("items")).containsExactly(hello);

            JsonNode project = body(api.call(HttpMethod.PATCH, owner, "/api/v1/projects/" + projectId,
                    Map.of("status", "on_hold")), 200);
            JsonNode update = seed.next("project:update", TIMEOUT).path("data");
            assertThat(update.path("type").asString()).isEqualTo("status_change");
            assertThat(update.path("data")).isEqualTo(project);

            JsonNode stage = body(api.call(HttpMethod.POST, owner,
                    "/api/v1/projects/" + projectId + "/stages/" + stageId + "/complete", null), 200);
            assertThat(seed.next("stage:completed", TIMEOUT).path("data")).isEqualTo(stage);
            assertThat(seed.next("notification:new", TIMEOUT).path("data").path("data").path("stageId").asLong())
                    .isEqualTo(stageId);

            JsonNode reply = ask(ownerClient, "message:send", Map.of("conversationId", conversationId,
                    "message", Map.of("content", "Hi back", "type", "text")));
            assertThat(seed.next("message:new", TIMEOUT).path("data")).isEqualTo(reply);
        }
    }

    @Test
    void theSeedsClientWithQueryUserIdAloneIsAnonymousAndStoresNothing() throws Exception {
        TestUser owner = api.newUser();
        long projectId = api.createProject(owner, "Seed shed").path("id").asLong();
        long conversationId = api.createConversation(owner, projectId).path("id").asLong();
        try (NodeSnippet seed = snippet(owner, null, projectId, conversationId)) {
            seed.next("connect", TIMEOUT);
            for (int i = 0; i < 3; i++) { // join:project, join:conversation, message:send
                JsonNode refusal = seed.next("exception", TIMEOUT).path("data");
                assertThat(refusal.path("status").asString()).isEqualTo("error");
                assertThat(refusal.path("message").asString()).isEqualTo("Unauthorized");
            }
        }
        assertThat(api.history(owner, conversationId, 0, 10).path("items").isEmpty()).isTrue();
    }
}
