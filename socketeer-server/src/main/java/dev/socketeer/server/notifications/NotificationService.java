package dev.socketeer.server.notifications;

import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The notifications facade any feature calls to tell a user something: {@link #notify} stores the
 * notification and publishes {@link NotificationCreated} and {@link UnreadCountChanged} inside the
 * transaction, so the user's sockets ({@code /notifications}) and SSE streams get them only after commit,
 * and a rolled-back change notifies nobody. It joins the caller's transaction when there is one (donations
 * notify the donor in the claim's transaction) and runs its own otherwise.
 *
 * <p>Threading: thread safe. Blocking (JDBC): call it on a thread that may block, such as
 * {@code Blocking.call}'s, never on an event loop.
 */
@Service
public final class NotificationService {
    /** The most notifications one page may hold. */
    static final int MAX_PAGE_SIZE = 100;
    /** The longest title, message and {@code data} (as compact JSON text), in characters: the columns' sizes. */
    static final int MAX_TITLE = 200;
    static final int MAX_MESSAGE = 2000;
    static final int MAX_DATA = 16_000;

    private final NotificationRepository notifications;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    NotificationService(NotificationRepository notifications, PlatformTransactionManager transactionManager,
                        ApplicationEventPublisher events) {
        this.notifications = notifications;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    /**
     * Stores a notification for the user with id {@code userId} and, after commit, delivers it and the
     * user's new unread count to every device of that user. {@code data} is free JSON or {@code null}.
     *
     * @param title   at most 200 characters
     * @param message at most 2000 characters
     * @param data    at most 16,000 characters as compact JSON text
     * @return the stored notification (what the events carry)
     * @throws IllegalArgumentException when a value is too long (naming it); the transaction is not touched
     */
    public Notification notify(long userId, NotificationType type, String title, String message, JsonNode data) {
        Objects.requireNonNull(type, "type");
        requireAtMost("title", Objects.requireNonNull(title, "title"), MAX_TITLE);
        requireAtMost("message", Objects.requireNonNull(message, "message"), MAX_MESSAGE);
        String json = data == null || data.isNull() || data.isMissingNode() ? null : data.toString();
        if (json != null) {
            requireAtMost("data", json, MAX_DATA);
        }
        Notification draft = new Notification(null, userId, type, title, message, json, false,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        return transactions.execute(status -> {
            Notification stored = notifications.findById(notifications.save(draft).id()).orElseThrow();
            events.publishEvent(new NotificationCreated(stored));
            events.publishEvent(new UnreadCountChanged(userId));
            return stored;
        });
    }

    /** {@link #notify} for the user with id {@code userId}, or a 404 problem when there is no such user. */
    Notification create(long userId, NotificationType type, String title, String message, JsonNode data) {
        return transactions.execute(status -> {
            if (notifications.countUsers(userId) == 0) {
                throw Problems.notFound("User " + userId + " does not exist");
            }
            return notify(userId, type, title, message, data);
        });
    }

    /** How many of the user's notifications are unread. */
    public long unreadCount(long userId) {
        return notifications.countByUserIdAndReadFalse(userId);
    }

    /** One page of the user's notifications, newest first; only unread ones with {@code unreadOnly}. */
    PageView<Notification> list(long userId, boolean unreadOnly, int page, int size) {
        List<Notification> content = notifications.page(userId, unreadOnly, size, (long) page * size);
        long total = notifications.total(userId, unreadOnly);
        return new PageView<>(content, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * The user's notifications stored after {@code afterId}, oldest first, at most {@code limit}: what a
     * reconnecting stream missed.
     */
    List<Notification> after(long userId, long afterId, int limit) {
        return notifications.after(userId, afterId, limit);
    }

    /** The id of the user's newest notification, 0 when there is none. */
    long lastId(long userId) {
        return notifications.lastId(userId);
    }

    /** Marks the user's notification read (idempotent); another user's or a missing one is a 404. */
    Notification markRead(long userId, long id) {
        return transactions.execute(status -> {
            if (notifications.markRead(id, userId, Instant.now().truncatedTo(ChronoUnit.MICROS)) > 0) {
                events.publishEvent(new UnreadCountChanged(userId));
            }
            return notifications.findByIdAndUserId(id, userId)
                    .orElseThrow(() -> Problems.notFound("Notification " + id + " does not exist"));
        });
    }

    /** Marks every unread notification of the user read; returns how many were unread. */
    int markAllRead(long userId) {
        return transactions.execute(status -> {
            int changed = notifications.markAllRead(userId, Instant.now().truncatedTo(ChronoUnit.MICROS));
            if (changed > 0) {
                events.publishEvent(new UnreadCountChanged(userId));
            }
            return changed;
        });
    }

    private static void requireAtMost(String name, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters (" + value.length() + ")");
        }
    }
}
