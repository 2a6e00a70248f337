package dev.socketeer.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.core.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The per-user fan-out of the SSE streams, without a server: who gets what, the bound, the cleanup. */
class LiveFeedsTest {
    private static final int BUFFER = 8;
    private final LiveFeeds feeds = new LiveFeeds(null, JsonMapper.builder().build(),
            new NotificationsProperties(Duration.ofSeconds(15), 100, BUFFER), SocketIoServer.builder().build());

    @Test
    void eachOpenStreamOfTheUserGetsTheEventAndNoOtherUsersStreamDoes() {
        LiveFeeds.Subscription phone = feeds.subscribe(1);
        LiveFeeds.Subscription laptop = feeds.subscribe(1);
        LiveFeeds.Subscription other = feeds.subscribe(2);
        assertThat(feeds.subscribers(1)).isEqualTo(2);
        assertThat(feeds.users()).isEqualTo(2);

        feeds.publish(1, event(7));
        assertThat(phone.events().blockFirst(Duration.ofSeconds(1))).isEqualTo(event(7));
        assertThat(laptop.events().blockFirst(Duration.ofSeconds(1))).isEqualTo(event(7));
        assertThat(other.events().take(Duration.ofMillis(100)).collectList().block()).isEmpty();
    }

    @Test
    void aStreamWithMoreThanTheBufferWaitingFailsInsteadOfGrowing() {
        LiveFeeds.Subscription slow = feeds.subscribe(3);
        for (int i = 1; i <= BUFFER + 1; i++) {
            feeds.publish(3, event(i));
        }
        List<FeedEvent> received = new ArrayList<>();
        assertThatThrownBy(() -> slow.events().doOnNext(received::add).blockLast(Duration.ofSeconds(1)))
                .hasMessageContaining("slow SSE client");
        assertThat(received).hasSize(BUFFER);
        feeds.publish(3, event(99));   // a failed stream ignores the rest until it is closed
        slow.close();
    }

    @Test
    void closingTheLastStreamOfAUserForgetsTheUser() {
        LiveFeeds.Subscription first = feeds.subscribe(4);
        LiveFeeds.Subscription second = feeds.subscribe(4);
        first.close();
        assertThat(feeds.subscribers(4)).isEqualTo(1);
        second.close();
        second.close();
        assertThat(feeds.subscribers(4)).isZero();
        assertThat(feeds.users()).isZero();
        feeds.publish(4, event(1));
    }

    @Test
    void stoppingTheApplicationEndsEveryStream() {
        LiveFeeds.Subscription open = feeds.subscribe(5);
        feeds.publish(5, event(1));
        feeds.start();
        feeds.stop();
        assertThat(open.events().collectList().block(Duration.ofSeconds(1))).containsExactly(event(1));
        assertThat(feeds.stopping().blockOptional(Duration.ofSeconds(1))).isEmpty();
        assertThat(feeds.subscribe(6).events().collectList().block(Duration.ofSeconds(1))).isEmpty();
        assertThat(feeds.isRunning()).isFalse();
    }

    private static FeedEvent event(long id) {
        return new FeedEvent(FeedEvent.Type.NOTIFICATION, id, 0, "{\"type\":\"notification\",\"data\":{\"id\":" + id + "}}");
    }
}
