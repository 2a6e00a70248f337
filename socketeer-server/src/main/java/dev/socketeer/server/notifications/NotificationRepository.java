package dev.socketeer.server.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Notifications in table {@code notification}. Blocking: call through {@code Blocking.call}. */
interface NotificationRepository extends ListCrudRepository<Notification, Long> {

    long countByUserIdAndReadFalse(long userId);

    Optional<Notification> findByIdAndUserId(long id, long userId);

    /** A user's notifications, newest first, {@code unreadOnly} or all, one page. */
    @Query("""
            SELECT * FROM notification WHERE user_id = :userId AND (:unreadOnly = FALSE OR is_read = FALSE)
            ORDER BY id DESC LIMIT :limit OFFSET :offset""")
    List<Notification> page(long userId, boolean unreadOnly, int limit, long offset);

    @Query("SELECT COUNT(*) FROM notification WHERE user_id = :userId AND (:unreadOnly = FALSE OR is_read = FALSE)")
    long total(long userId, boolean unreadOnly);

    /** A user's notifications after {@code afterId} (oldest first), at most {@code limit}: what a stream missed. */
    @Query("SELECT * FROM notification WHERE user_id = :userId AND id > :afterId ORDER BY id LIMIT :limit")
    List<Notification> after(long userId, long afterId, int limit);

    /** The id of the user's newest notification, 0 when there is none: where a new SSE stream starts. */
    @Query("SELECT COALESCE(MAX(id), 0) FROM notification WHERE user_id = :userId")
    long lastId(long userId);

    /** 1 if a user with this id exists (the table the foreign key {@code notification.user_id} points at), else 0. */
    @Query("SELECT COUNT(*) FROM app_user WHERE id = :userId")
    long countUsers(long userId);

    /** Marks one unread notification read; 1 if it was unread, 0 otherwise. */
    @Modifying
    @Query("UPDATE notification SET is_read = TRUE, read_at = :now WHERE id = :id AND user_id = :userId AND is_read = FALSE")
    int markRead(long id, long userId, Instant now);

    /** Marks every unread notification of a user read; how many were. */
    @Modifying
    @Query("UPDATE notification SET is_read = TRUE, read_at = :now WHERE user_id = :userId AND is_read = FALSE")
    int markAllRead(long userId, Instant now);
}
