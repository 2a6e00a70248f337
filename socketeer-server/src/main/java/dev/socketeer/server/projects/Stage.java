package dev.socketeer.server.projects;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored stage of a project, as the REST API returns it and as {@code stage:completed} carries it.
 * Stages are ordered by id (the order they were added). Immutable.
 *
 * @param completedAt when it was completed, {@code null} until then (completion is once, never undone)
 * @param completedBy the id of the user who completed it, with {@code completedAt}
 */
@Table("project_stage")
record Stage(@Id Long id, long projectId, String name, Instant createdAt, Instant completedAt, Long completedBy) {}
