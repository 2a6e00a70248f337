package dev.socketeer.server.projects;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who belongs to which project, for other features (the chat's project conversations). Thread safe. Blocking
 * (JDBC): call it where blocking is allowed; it joins the caller's transaction when there is one.
 */
@Component
public final class ProjectMembers {

    private final ProjectRepository projects;

    ProjectMembers(ProjectRepository projects) {
        this.projects = projects;
    }

    /** Whether the user is a member of the project (false when there is no such project). */
    public boolean isMember(long projectId, long userId) {
        return projects.countMember(projectId, userId) > 0;
    }

    /** The ids among {@code userIds} that are not members of the project. */
    public Set<Long> nonMembers(long projectId, Collection<Long> userIds) {
        Set<Long> outside = new HashSet<>(userIds);
        outside.removeAll(projects.memberIds(projectId));
        return outside;
    }

    /**
     * Locks the project's row until the transaction ends ({@code SELECT … FOR UPDATE}), so its members cannot
     * change meanwhile; false when there is no such project. Call it inside a transaction.
     */
    public boolean lock(long projectId) {
        return projects.lockById(projectId).isPresent();
    }
}
