package dev.socketeer.server.chat;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Conversations ({@code conversation}) and their participants ({@code conversation_participant}). Blocking:
 * call it where blocking is allowed, inside a transaction for changes and locks.
 */
interface ConversationRepository extends ListCrudRepository<Conversation, Long> {

    /**
     * The conversation's row, locked until the transaction ends ({@code FOR UPDATE}): the database side of
     * serialising a conversation's sends, so that even across server nodes ids are assigned in commit order.
     */
    @Query("SELECT * FROM conversation WHERE id = :id FOR UPDATE")
    Optional<Conversation> lockById(long id);

    @Query("SELECT COUNT(*) FROM conversation_participant WHERE conversation_id = :conversationId AND user_id = :userId")
    long countParticipant(long conversationId, long userId);

    @Query("SELECT user_id FROM conversation_participant WHERE conversation_id = :conversationId ORDER BY user_id")
    List<Long> participantIds(long conversationId);

    @Modifying
    @Query("INSERT INTO conversation_participant (conversation_id, user_id) VALUES (:conversationId, :userId)")
    int addParticipant(long conversationId, long userId);

    /** The ids of the conversations of project {@code projectId} that {@code userId} takes part in. */
    @Query("""
            SELECT c.id FROM conversation c JOIN conversation_participant p ON p.conversation_id = c.id
            WHERE c.project_id = :projectId AND p.user_id = :userId ORDER BY c.id""")
    List<Long> ofProjectWithParticipant(long projectId, long userId);

    @Modifying
    @Query("DELETE FROM conversation_participant WHERE conversation_id IN (:conversationIds) AND user_id = :userId")
    int removeParticipant(Collection<Long> conversationIds, long userId);

    /** One page of the conversations {@code userId} takes part in, newest first. */
    @Query("""
            SELECT c.* FROM conversation c JOIN conversation_participant p ON p.conversation_id = c.id
            WHERE p.user_id = :userId ORDER BY c.id DESC LIMIT :limit OFFSET :offset""")
    List<Conversation> pageOfParticipant(long userId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM conversation_participant WHERE user_id = :userId")
    long countOfParticipant(long userId);

    /** One page of the conversations of project {@code projectId} that {@code userId} takes part in, newest first. */
    @Query("""
            SELECT c.* FROM conversation c JOIN conversation_participant p ON p.conversation_id = c.id
            WHERE p.user_id = :userId AND c.project_id = :projectId ORDER BY c.id DESC LIMIT :limit OFFSET :offset""")
    List<Conversation> pageOfParticipantInProject(long userId, long projectId, int limit, long offset);

    @Query("""
            SELECT COUNT(*) FROM conversation c JOIN conversation_participant p ON p.conversation_id = c.id
            WHERE p.user_id = :userId AND c.project_id = :projectId""")
    long countOfParticipantInProject(long userId, long projectId);

    /** Which of these ids are users' ids. */
    @Query("SELECT id FROM app_user WHERE id IN (:ids)")
    List<Long> existingUserIds(Collection<Long> ids);
}
