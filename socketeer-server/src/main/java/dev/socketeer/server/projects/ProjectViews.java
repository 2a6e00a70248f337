package dev.socketeer.server.projects;

import dev.socketeer.server.common.Problems;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reads projects as the API shows them and checks who may see them. Blocking; joins the caller's transaction.
 * Thread safe.
 */
@Component
final class ProjectViews {

    private final ProjectRepository projects;
    private final StageRepository stages;

    ProjectViews(ProjectRepository projects, StageRepository stages) {
        this.projects = projects;
        this.stages = stages;
    }

    /** The stored project with its members and stages; 404 when there is none. */
    ProjectView view(long id) {
        return view(projects.findById(id).orElseThrow(() -> notFound(id)));
    }

    /** This stored project with its members and stages. */
    ProjectView view(Project project) {
        return ProjectView.of(project, projects.memberIds(project.id()), stages.findByProjectIdOrderById(project.id()));
    }

    /** A 404 unless the caller is a member (or, with {@code adminToo}, an ADMIN): others cannot tell it exists. */
    void requireVisible(long id, Caller caller, boolean adminToo) {
        if (adminToo && caller.admin() && projects.existsById(id)) return;
        if (projects.countMember(id, caller.id()) == 0) throw notFound(id);
    }

    /** A 400 naming {@code field} unless every id is a user's. */
    void requireUsers(String field, Collection<Long> userIds) {
        if (userIds.isEmpty()) return;
        TreeSet<Long> unknown = new TreeSet<>(userIds);
        projects.existingUserIds(userIds).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid request: " + field + " has unknown user ids: "
                    + unknown.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    static ErrorResponseException notFound(long id) {
        return Problems.notFound("Project " + id + " does not exist");
    }
}
