package dev.socketeer.server.projects;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Projects ({@code project}) and their members ({@code project_member}). Changes are targeted statements, never
 * a save of a changed copy, so concurrent edits of different fields do not undo each other. Blocking: call
 * through {@code Blocking.call} (or on a thread that may block), inside a transaction for changes.
 */
interface ProjectRepository extends ListCrudRepository<Project, Long> {

    /** The project's row, locked until the transaction ends, so changes of one project take turns. */
    @Query("SELECT * FROM project WHERE id = :id FOR UPDATE")
    Optional<Project> lockById(long id);

    @Query("SELECT COUNT(*) FROM project_member WHERE project_id = :projectId AND user_id = :userId")
    long countMember(long projectId, long userId);

    @Query("SELECT user_id FROM project_member WHERE project_id = :projectId ORDER BY user_id")
    List<Long> memberIds(long projectId);

    /** Adds a member unless already one; 1 if added, 0 otherwise. */
    @Modifying
    @Query("""
            INSERT INTO project_member (project_id, user_id) SELECT :projectId, :userId
            WHERE NOT EXISTS (SELECT 1 FROM project_member WHERE project_id = :projectId AND user_id = :userId)""")
    int addMember(long projectId, long userId);

    @Modifying
    @Query("DELETE FROM project_member WHERE project_id = :projectId AND user_id = :userId")
    int removeMember(long projectId, long userId);

    /** One page of the projects {@code userId} is a member of, newest first. */
    @Query("""
            SELECT p.* FROM project p JOIN project_member m ON m.project_id = p.id
            WHERE m.user_id = :userId ORDER BY p.id DESC LIMIT :limit OFFSET :offset""")
    List<Project> pageOfMember(long userId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM project_member WHERE user_id = :userId")
    long countOfMember(long userId);

    /** Sets the given fields ({@code null}: unchanged) and {@code updated_at}; 1 if the project exists. */
    @Modifying
    @Query("""
            UPDATE project SET name = COALESCE(:name, name), description = COALESCE(:description, description),
                   status = COALESCE(:status, status), updated_at = :now
            WHERE id = :id""")
    int update(long id, String name, String description, String status, Instant now);

    /** Which of these ids are users' ids. */
    @Query("SELECT id FROM app_user WHERE id IN (:ids)")
    List<Long> existingUserIds(Collection<Long> ids);
}
