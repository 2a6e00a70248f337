package dev.socketeer.server.chat;

import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.projects.SeedTwoApi;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The chat's ordering guarantee under concurrent senders: {@link #senders()} real Node clients, each sending
 * {@link #messagesEach()} messages into one conversation as fast as it can (no waiting for acks), all at once;
 * then every member's sequence of {@code message:new} equals the stored history, read page by page through
 * {@code GET …/messages?after=&limit=}. Also: ids grow along the history and each sender's messages are stored
 * in the order it sent them. Subclasses choose the database and the load.
 */
@ExtendWith(LeakGuard.class)
abstract class ChatOrderTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(120);

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;

    abstract int senders();

    abstract int messagesEach();

    @Test
    void everyMemberReceivesTheConversationInTheOrderOfItsHistory() throws Exception {
        SeedTwoApi api = new SeedTwoApi(port, io);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i <= senders(); i++) users.add(api.newUser()); // the senders and one reader
        long id = api.createConversation(users.get(0), null, users.subList(1, users.size()).toArray(TestUser[]::new))
                .path("id").asLong();
        int total = senders() * messagesEach();
        ExecutorService pool = Executors.newFixedThreadPool(senders());
        try (NodeDriver driver = new NodeDriver()) {
            List<NodeClient> clients = new ArrayList<>();
            for (TestUser user : users) {
                NodeClient client = api.connect(driver, user);
                assertThat(ask(client, "join:conversation", Map.of("conversationId", id)).path("success").asBoolean())
                        .isTrue();
                clients.add(client);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders(); s++) {
                NodeClient sender = clients.get(s);
                int senderNo = s;
                sending.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < messagesEach(); i++) {
                        sender.emit("message:send", Map.of("conversationId", id,
                                "message", Map.of("content", senderNo + ":" + i, "type", "text")));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sending) f.get(RECEIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            List<List<JsonNode>> received = new ArrayList<>();
            for (NodeClient client : clients) {
                List<JsonNode> events = new ArrayList<>();
                for (ArrayNode args : client.awaitEvents("message:new", total, RECEIVE_TIMEOUT)) events.add(args.get(0));
                received.add(events);
                assertThat(client.received("exception")).isEmpty();
            }
            List<JsonNode> history = api.fullHistory(users.get(senders()), id, 100);
            assertThat(history).hasSize(total);
            for (int c = 0; c < clients.size(); c++) {
                assertThat(received.get(c)).as("member %d's message:new sequence", c).isEqualTo(history);
            }
            Map<Long, Integer> lastIndexOfSender = new HashMap<>();
            long lastId = 0;
            for (JsonNode message : history) {
                assertThat(message.path("id").asLong()).isGreaterThan(lastId);
                lastId = message.path("id").asLong();
                String[] content = message.path("content").asString().split(":");
                int index = Integer.parseInt(content[1]);
                assertThat(users.get(Integer.parseInt(content[0])).id()).isEqualTo(message.path("senderId").asLong());
                Integer previous = lastIndexOfSender.put(message.path("senderId").asLong(), index);
                assertThat(index).isEqualTo(previous == null ? 0 : previous + 1);
            }
            for (NodeClient client : clients) client.close();
        } finally {
            pool.shutdownNow();
        }
    }
}
