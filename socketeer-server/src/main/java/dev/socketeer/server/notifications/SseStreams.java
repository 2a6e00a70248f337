package dev.socketeer.server.notifications;

import dev.socketeer.server.common.Blocking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one user's SSE stream: the unread count first, then (on a reconnect with {@code Last-Event-ID})
 * the notifications stored after that id, then live events, with a {@code : keep-alive} comment every
 * {@code sse-heartbeat}. Every event is an unnamed message (no {@code event:} line) whose data is the
 * {@link FeedEvent} JSON, and has an {@code id:}: the highest notification id the stream has delivered,
 * so a reconnect asks for exactly what came after. The live subscription starts before the database is
 * read, and what the replay already sent is dropped from it, so replay and live neither overlap nor leave
 * a gap; a count read before the first one is dropped too. A stream ends when the application stops.
 * Stateless; thread safe.
 */
@Component
final class SseStreams {
    private static final String KEEP_ALIVE = " keep-alive";

    private final LiveFeeds feeds;
    private final UnreadCounts counts;
    private final NotificationService notifications;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final int replayLimit;

    SseStreams(LiveFeeds feeds, UnreadCounts counts, NotificationService notifications, JsonMapper json,
               NotificationsProperties properties) {
        this.feeds = feeds;
        this.counts = counts;
        this.notifications = notifications;
        this.json = json;
        this.heartbeat = properties.sseHeartbeat();
        this.replayLimit = properties.sseReplayLimit();
    }

    /** The stream of {@code userId}; {@code lastEventId} is the {@code Last-Event-ID} of a reconnect, or null. */
    Flux<ServerSentEvent<String>> open(long userId, Long lastEventId) {
        Flux<ServerSentEvent<String>> events = Flux.defer(() -> {
            LiveFeeds.Subscription live = feeds.subscribe(userId);
            return Blocking.call(() -> start(userId, lastEventId))
                    .flatMapMany(position -> Flux.concat(Flux.fromIterable(position.first),
                                    live.events().filter(position::isNew))
                            .map(position::toSse))
                    .doFinally(signal -> live.close());
        });
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<String>builder().comment(KEEP_ALIVE).build())
                .takeUntilOther(feeds.stopping());
        return Flux.merge(events, heartbeats);
    }

    /** Reads what the stream starts with: the count, and what a reconnecting client missed. Blocking. */
    private Position start(long userId, Long lastEventId) {
        FeedEvent count = FeedEvent.unreadCount(counts.read(userId), json);
        if (lastEventId == null) {
            return new Position(count, List.of(), notifications.lastId(userId));
        }
        List<Notification> missed = notifications.after(userId, lastEventId, replayLimit + 1);
        if (missed.size() > replayLimit) {
            // too many to replay: the count tells the client, and the REST listing has them
            return new Position(count, List.of(), notifications.lastId(userId));
        }
        return new Position(count, missed.stream().map(n -> FeedEvent.notification(n, json)).toList(), lastEventId);
    }

    /** Where one stream is: what it sent first, which notifications the replay sent, the id to stamp. */
    private static final class Position {
        final List<FeedEvent> first = new ArrayList<>();
        private final Set<Long> replayed = new HashSet<>();
        private final long countSequence;
        private long lastId;

        Position(FeedEvent count, List<FeedEvent> replay, long startId) {
            first.add(count);
            first.addAll(replay);
            replay.forEach(event -> replayed.add(event.notificationId()));
            this.countSequence = count.countSequence();
            this.lastId = startId;
        }

        /** Whether a live event is news: not replayed already, not a count older than the first. */
        boolean isNew(FeedEvent event) {
            return event.type() == FeedEvent.Type.NOTIFICATION
                    ? !replayed.contains(event.notificationId())
                    : event.countSequence() > countSequence;
        }

        /** Runs on the stream's one subscriber, in order (so {@code lastId} needs no lock). */
        ServerSentEvent<String> toSse(FeedEvent event) {
            if (event.type() == FeedEvent.Type.NOTIFICATION) {
                lastId = Math.max(lastId, event.notificationId());
            }
            return ServerSentEvent.builder(event.json()).id(Long.toString(lastId)).build();
        }
    }
}
