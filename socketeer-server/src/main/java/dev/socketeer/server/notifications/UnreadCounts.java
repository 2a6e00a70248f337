package dev.socketeer.server.notifications;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Reads users' unread counts so that the count a device gets last is the latest one. Two changes of one
 * user committed at once are read after their commits but could be sent in the other order; reading and
 * sending under the user's lock ({@link #readAndSend}) keeps each read's send before the next read. Every
 * read gets a sequence number (increasing across all users), so an SSE stream can drop counts read before
 * its first one.
 *
 * <p>Thread safe. Blocking (JDBC): call it where blocking is allowed; the lock is held for one count query.
 */
@Component
final class UnreadCounts {

    /** A user's unread count and the order in which it was read. */
    record UnreadCount(long userId, long count, long sequence) {}

    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicLong sequence = new AtomicLong();
    private final NotificationService notifications;

    UnreadCounts(NotificationService notifications) {
        this.notifications = notifications;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Reads the user's count and passes it to {@code send} before any later read of that user's count. */
    void readAndSend(long userId, Consumer<UnreadCount> send) {
        ReentrantLock lock = locks[Math.floorMod(Long.hashCode(userId), STRIPES)];
        lock.lock();
        try {
            send.accept(new UnreadCount(userId, notifications.unreadCount(userId), sequence.incrementAndGet()));
        } finally {
            lock.unlock();
        }
    }

    /** Reads the user's count (its sequence orders it among the counts {@link #readAndSend} sends). */
    UnreadCount read(long userId) {
        UnreadCount[] read = new UnreadCount[1];
        readAndSend(userId, count -> read[0] = count);
        return read[0];
    }
}
