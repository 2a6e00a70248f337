package dev.socketeer.server.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ApiTestClient;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's REST calls over real HTTP (projects, conversations, history) and its socket clients (the real Node
 * client on {@code /} with the seed's options plus a token), for the projects and chat tests. Not thread safe
 * except {@link #history}, which only reads.
 */
public final class SeedTwoApi {

    /** A registered user: id, username and token. */
    public record TestUser(long id, String username, String token) {}

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ApiTestClient api;
    private final WebTestClient http;
    private final String socketUrl;

    /** Calls the REST API on {@code port}; sockets connect where {@code io} is served. */
    public SeedTwoApi(int port, SocketIoServer io) {
        this.socketUrl = ApiTestClient.socketUrl(io, port);
        this.api = new ApiTestClient(port);
        this.http = api.http();
    }

    public WebTestClient http() {
        return http;
    }

    public TestUser newUser() {
        String username = ApiTestClient.newUsername();
        api.register(username, "correct horse battery");
        String token = api.login(username, "correct horse battery");
        return new TestUser(api.userId(token), username, token);
    }

    public TestUser admin() {
        String token = api.adminToken();
        return new TestUser(api.userId(token), ApiTestClient.ADMIN_USERNAME, token);
    }

    /** A request with the user's token (no {@code Authorization} header when {@code user} is null). */
    public ResponseSpec call(HttpMethod method, TestUser user, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(uri).headers(h -> {
            if (user != null) h.setBearerAuth(user.token());
        });
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The body of a response that must have {@code status}. */
    public static JsonNode body(ResponseSpec response, int status) {
        return ApiTestClient.json(response.expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    /** Creates a project of {@code owner} with these other members; the 201's body. */
    public JsonNode createProject(TestUser owner, String name, TestUser... members) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "About " + name);
        body.put("memberIds", ids(members));
        return body(call(HttpMethod.POST, owner, "/api/v1/projects", body), 201);
    }

    public JsonNode addStage(TestUser user, long projectId, String name) {
        return body(call(HttpMethod.POST, user, "/api/v1/projects/" + projectId + "/stages", Map.of("name", name)), 201);
    }

    /** Creates a conversation of {@code creator} (of the project, when not null) with these participants. */
    public JsonNode createConversation(TestUser creator, Long projectId, TestUser... participants) {
        Map<String, Object> body = new HashMap<>();
        body.put("participantIds", ids(participants));
        if (projectId != null) body.put("projectId", projectId);
        return body(call(HttpMethod.POST, creator, "/api/v1/conversations", body), 201);
    }

    /** One page of a conversation's history. */
    public JsonNode history(TestUser user, long conversationId, long after, int limit) {
        return body(call(HttpMethod.GET, user, "/api/v1/conversations/" + conversationId + "/messages?after=" + after
                + "&limit=" + limit, null), 200);
    }

    /** The whole history, page by page ({@code limit} per page) following {@code nextCursor}. */
    public List<JsonNode> fullHistory(TestUser user, long conversationId, int limit) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = history(user, conversationId, after, limit);
            page.path("items").forEach(all::add);
            assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
            if (page.path("nextCursor").isNull()) return all;
            assertThat(page.path("items").size()).isEqualTo(limit);
            after = page.path("nextCursor").asLong();
            assertThat(after).isEqualTo(page.path("items").get(limit - 1).path("id").asLong());
        }
    }

    /** The server's Socket.IO URL, without a namespace ({@code http://localhost:<port>}). */
    public String socketUrl() {
        return socketUrl;
    }

    /** The URL of namespace {@code /}. */
    public String url() {
        return socketUrl + "/";
    }

    /** The seed's client options ({@code query}, websocket only) with the token added to the query. */
    public NodeClient connect(NodeDriver driver, TestUser user) {
        NodeClient client = driver.connect(url(), Map.of("query", Map.of("userId", String.valueOf(user.id()),
                "token", user.token()), "transports", List.of("websocket")));
        client.awaitConnect(TIMEOUT);
        return client;
    }

    /** An anonymous client with the seed's options: {@code query.userId} only, no token. */
    public NodeClient connectWithUserIdOnly(NodeDriver driver, long userId) {
        NodeClient client = driver.connect(url(), Map.of("query", Map.of("userId", String.valueOf(userId)),
                "transports", List.of("websocket")));
        client.awaitConnect(TIMEOUT);
        return client;
    }

    /** Emits with an ack and returns the ack's first argument. */
    public static JsonNode ask(NodeClient client, String event, Object payload) {
        return client.emitWithAck(event, TIMEOUT, payload).get(0);
    }

    /**
     * An in-order barrier: an acked round trip ({@code leave:project} of a project that never exists, answered to
     * anonymous sockets too). A client receives its packets in order, so once this returns, everything the server
     * emitted to the client before (say, during a request the test has seen answered) has arrived, and
     * {@link NodeClient#received} tells whether an event came, without waiting a quiet period.
     */
    public static void barrier(NodeClient client) {
        client.emitWithAck("leave:project", TIMEOUT, Map.of("projectId", 9_007_199_254_740_991L));
    }

    /** Asserts an error ack {@code {"status":"error","message": message}}. */
    public static void assertError(JsonNode ack, String message) {
        assertThat(ack.path("status").asString()).as("ack %s", ack).isEqualTo("error");
        assertThat(ack.path("message").asString()).isEqualTo(message);
    }

    private static List<Long> ids(TestUser... users) {
        List<Long> ids = new ArrayList<>();
        for (TestUser u : users) ids.add(u.id());
        return ids;
    }
}
