package dev.socketeer.server.chat;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Chat messages ({@code chat_message}), in id order per conversation. Blocking: call it where blocking is allowed. */
interface MessageRepository extends ListCrudRepository<ChatMessage, Long> {

    /** The conversation's messages after {@code afterId}, oldest first, at most {@code limit}. */
    @Query("SELECT * FROM chat_message WHERE conversation_id = :conversationId AND id > :afterId ORDER BY id LIMIT :limit")
    List<ChatMessage> after(long conversationId, long afterId, int limit);
}
