package dev.socketeer.server.projects;

import java.time.Instant;
import java.util.List;

/**
 * A project as the REST API returns it and as {@code project:update} carries it in {@code data}: the project,
 * its members' user ids (ascending) and its stages (in the order they were added). Immutable.
 */
record ProjectView(long id, String name, String description, ProjectStatus status, long createdBy,
                   Instant createdAt, Instant updatedAt, List<Long> memberIds, List<Stage> stages) {

    static ProjectView of(Project p, List<Long> memberIds, List<Stage> stages) {
        return new ProjectView(p.id(), p.name(), p.description(), p.status(), p.createdBy(), p.createdAt(),
                p.updatedAt(), List.copyOf(memberIds), List.copyOf(stages));
    }
}
