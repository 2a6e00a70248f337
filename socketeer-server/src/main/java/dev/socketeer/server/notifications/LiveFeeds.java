package dev.socketeer.server.notifications;

import dev.socketeer.core.SocketIoServer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live half of the SSE streams: per user, the set of open streams, created with the user's first
 * stream and removed with the last; after commit, each new notification and fresh unread count goes to
 * every open stream of its user. Each stream buffers what it has not yet sent in a bounded queue
 * ({@code socketeer.server.notifications.sse-buffer}); a stream whose client does not keep up fails
 * (its client reconnects with {@code Last-Event-ID} and gets what it missed from the database), so a slow
 * client never holds more than that.
 *
 * <p>In a cluster ({@code socketeer.adapter=redis}) a user's streams may be open on any node: each live event
 * is also relayed to the other nodes with {@code serverSideEmit} ({@value #RELAY}), and each node passes it
 * to the streams it holds (an unread count is read again from the shared database there). With the
 * in-memory adapter the relay goes nowhere.
 *
 * <p>Lifecycle: when the application stops, before the web server's graceful shutdown, every stream ends
 * (its clients reconnect elsewhere or later, with {@code Last-Event-ID}), so open streams do not hold the
 * shutdown up. Thread safe: streams open and close on any thread; the listeners run on the committing thread.
 */
@Component
final class LiveFeeds implements SmartLifecycle {
    /** After the web server starts, before its graceful shutdown stops (like socketeer-spring-boot's server). */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;
    private static final Logger log = LoggerFactory.getLogger(LiveFeeds.class);
    /** The server-side event that carries a live event to the other nodes of a cluster. */
    static final String RELAY = "socketeer:notifications:sse";

    private final Map<Long, Set<Subscription>> byUser = new ConcurrentHashMap<>();
    private final UnreadCounts counts;
    private final JsonMapper json;
    private final int buffer;
    private final SocketIoServer io;
    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;
    private volatile boolean stopped;

    LiveFeeds(UnreadCounts counts, JsonMapper json, NotificationsProperties properties, SocketIoServer io) {
        this.counts = counts;
        this.json = json;
        this.buffer = properties.sseBuffer();
        this.io = io;
        // [type, userId, notificationId, json] from another node; runs on a handler thread (may block)
        io.sockets().onServerSideEmit(RELAY, (args, ack) -> {
            long userId = args.path(1).asLong();
            if (!byUser.containsKey(userId)) {
                return;
            }
            if (FeedEvent.Type.NOTIFICATION.wireName().equals(args.path(0).asString())) {
                publish(userId, new FeedEvent(FeedEvent.Type.NOTIFICATION, args.path(2).asLong(), 0, args.path(3).asString()));
            } else if (FeedEvent.Type.UNREAD_COUNT.wireName().equals(args.path(0).asString())) {
                counts.readAndSend(userId, count -> publish(userId, FeedEvent.unreadCount(count, json)));
            }
        });
    }

    /** One stream's live events, buffered (bounded) from {@link #subscribe} until read. Close it once. */
    final class Subscription implements AutoCloseable {
        private final long userId;
        private final Sinks.Many<FeedEvent> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<FeedEvent>get(buffer).get());

        private Subscription(long userId) {
            this.userId = userId;
        }

        /** The events published since {@link #subscribe}; fails when more than the buffer wait unread. */
        Flux<FeedEvent> events() {
            return sink.asFlux();
        }

        private synchronized void offer(FeedEvent event) {
            Sinks.EmitResult result = sink.tryEmitNext(event);
            // a full queue is FAIL_OVERFLOW, or FAIL_ZERO_SUBSCRIBER before the stream has started reading
            if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                log.warn("SSE stream of user {} closed: more than {} events waiting for a slow client", userId, buffer);
                sink.tryEmitError(new IllegalStateException("slow SSE client: over " + buffer + " events waiting"));
            }
        }

        private synchronized void complete() {
            sink.tryEmitComplete();
        }

        @Override
        public void close() {
            byUser.computeIfPresent(userId, (id, subscriptions) -> {
                subscriptions.remove(this);
                return subscriptions.isEmpty() ? null : subscriptions;
            });
        }
    }

    /** Starts buffering the user's live events for a new stream. */
    Subscription subscribe(long userId) {
        Subscription subscription = new Subscription(userId);
        byUser.compute(userId, (id, subscriptions) -> {
            Set<Subscription> set = subscriptions != null ? subscriptions : ConcurrentHashMap.newKeySet();
            set.add(subscription);
            return set;
        });
        if (stopped) {
            subscription.complete();
        }
        return subscription;
    }

    /** Completes when the application stops: the streams end then. */
    Mono<Void> stopping() {
        return stopping.asMono();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        stopping.tryEmitEmpty();
        byUser.values().forEach(subscriptions -> subscriptions.forEach(Subscription::complete));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Not paused with the context (tests' cached contexts are paused and resumed); stopped when it closes. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** How many streams of the user are open. */
    int subscribers(long userId) {
        Set<Subscription> subscriptions = byUser.get(userId);
        return subscriptions == null ? 0 : subscriptions.size();
    }

    /** How many users have an open stream. */
    int users() {
        return byUser.size();
    }

    void publish(long userId, FeedEvent event) {
        Set<Subscription> subscriptions = byUser.get(userId);
        if (subscriptions != null) {
            subscriptions.forEach(s -> s.offer(event));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publishNotification(NotificationCreated event) {
        long userId = event.notification().userId();
        FeedEvent feedEvent = FeedEvent.notification(event.notification(), json);
        if (byUser.containsKey(userId)) {
            publish(userId, feedEvent);
        }
        relay(FeedEvent.Type.NOTIFICATION.wireName(), userId, feedEvent.notificationId(), feedEvent.json());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publishUnreadCount(UnreadCountChanged event) {
        if (byUser.containsKey(event.userId())) {
            counts.readAndSend(event.userId(), count -> publish(event.userId(), FeedEvent.unreadCount(count, json)));
        }
        relay(FeedEvent.Type.UNREAD_COUNT.wireName(), event.userId());
    }

    /** Best effort, like the socket events: streams elsewhere catch up with {@code Last-Event-ID} if it fails. */
    private void relay(Object... args) {
        try {
            io.sockets().serverSideEmit(RELAY, args);
        } catch (RuntimeException e) {
            log.warn("live notification event not relayed to the other nodes: {}", e.toString());
        }
    }
}
