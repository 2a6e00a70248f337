package dev.socketeer.server.projects;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored project (row of {@code project}); its members and stages are separate tables, read by
 * {@link ProjectRepository} and {@link StageRepository}. Immutable: changes are targeted {@code UPDATE}s.
 *
 * @param createdBy the id of the user who created it (always a member)
 */
@Table("project")
record Project(@Id Long id, String name, String description, ProjectStatus status, long createdBy,
               Instant createdAt, Instant updatedAt) {}
