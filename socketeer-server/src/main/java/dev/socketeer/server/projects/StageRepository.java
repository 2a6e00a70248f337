package dev.socketeer.server.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Stages of projects ({@code project_stage}). Completing one is a single conditional {@code UPDATE}
 * ({@code completed_at IS NULL}), so of two concurrent completions exactly one changes the row and emits.
 * Blocking: call it where blocking is allowed, inside a transaction for changes.
 */
interface StageRepository extends ListCrudRepository<Stage, Long> {

    List<Stage> findByProjectIdOrderById(long projectId);

    Optional<Stage> findByIdAndProjectId(long id, long projectId);

    /** Completes the stage of that project if it is not yet; 1 if this call completed it, 0 otherwise. */
    @Modifying
    @Query("""
            UPDATE project_stage SET completed_at = :now, completed_by = :userId
            WHERE id = :id AND project_id = :projectId AND completed_at IS NULL""")
    int complete(long id, long projectId, long userId, Instant now);
}
