package dev.socketeer.server.projects;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import dev.socketeer.server.common.StripedLocks;
import dev.socketeer.server.projects.ProjectUpdated.Type;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * The project rules. Only members see a project (anyone else gets 404, as if it did not exist); an ADMIN may
 * also read and delete any project. Any member may edit it and add members and stages; only its creator or an
 * ADMIN may delete it or remove another member; a member may leave; the creator stays a member.
 *
 * <p>Every change of a project runs under its stripe of {@link #locks} around "lock the row, change, commit,
 * emit": the after-commit events ({@link ProjectUpdated}, {@link StageCompleted}, {@link MemberRemoved}) of one
 * project therefore leave in commit order. Thread safe; JDBC runs on the bounded elastic scheduler.
 */
@Service
final class ProjectService {

    private final ProjectRepository projects;
    private final StageRepository stages;
    private final ProjectViews views;
    private final StageNotifications notifications;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final StripedLocks locks;

    ProjectService(ProjectRepository projects, StageRepository stages, ProjectViews views,
                   StageNotifications notifications, PlatformTransactionManager transactionManager,
                   ApplicationEventPublisher events, ProjectLocks locks) {
        this.projects = projects;
        this.stages = stages;
        this.views = views;
        this.notifications = notifications;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.locks = locks.stripes();
    }

    Mono<ProjectView> create(CreateProjectRequest request, Caller caller) {
        Set<Long> members = new TreeSet<>(request.memberIdsOrEmpty());
        members.add(caller.id());
        Instant now = now();
        Project draft = new Project(null, request.name().trim(), request.description(), ProjectStatus.ACTIVE,
                caller.id(), now, now);
        return Blocking.call(() -> transactions.execute(status -> {
            views.requireUsers("memberIds", members);
            long id = projects.save(draft).id();
            members.forEach(userId -> projects.addMember(id, userId));
            return views.view(id);
        }));
    }

    Mono<PageView<ProjectView>> list(Caller caller, int page, int size) {
        return Blocking.call(() -> {
            List<ProjectView> content = projects.pageOfMember(caller.id(), size, (long) page * size).stream()
                    .map(views::view).toList();
            long total = projects.countOfMember(caller.id());
            return new PageView<>(content, page, size, total, (int) ((total + size - 1) / size));
        });
    }

    Mono<ProjectView> get(long id, Caller caller) {
        return Blocking.call(() -> {
            views.requireVisible(id, caller, true);
            return views.view(id);
        });
    }

    Mono<ProjectView> update(long id, UpdateProjectRequest request, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            Project before = lockForMember(id, caller, false);
            String name = request.name() == null ? null : request.name().trim();
            ProjectStatus newStatus = request.statusOrNull();
            boolean statusChanged = newStatus != null && newStatus != before.status();
            boolean detailsChanged = (name != null && !name.equals(before.name()))
                    || (request.description() != null && !request.description().equals(before.description()));
            if (!statusChanged && !detailsChanged) return views.view(id);
            projects.update(id, name, request.description(), newStatus == null ? null : newStatus.name(), now());
            ProjectView after = views.view(id);
            events.publishEvent(new ProjectUpdated(id, statusChanged ? Type.STATUS_CHANGE : Type.DETAILS_CHANGE, after));
            return after;
        }));
    }

    Mono<Void> delete(long id, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            Project project = lockForMember(id, caller, true);
            if (!caller.admin() && project.createdBy() != caller.id()) {
                throw Problems.forbidden("Only the creator of project " + id + " or an administrator can delete it");
            }
            events.publishEvent(new ProjectUpdated(id, Type.DELETED, Map.of("id", id)));
            projects.deleteById(id);
            return null;
        }));
    }

    Mono<ProjectView> addMember(long id, long userId, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            lockForMember(id, caller, false);
            views.requireUsers("userId", Set.of(userId));
            if (projects.addMember(id, userId) == 0) return views.view(id);
            ProjectView after = views.view(id);
            events.publishEvent(new ProjectUpdated(id, Type.MEMBER_ADDED, after));
            return after;
        }));
    }

    Mono<Void> removeMember(long id, long userId, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            Project project = lockForMember(id, caller, true);
            if (userId == project.createdBy()) {
                throw Problems.conflict("The creator of project " + id + " stays a member");
            }
            if (userId != caller.id() && project.createdBy() != caller.id() && !caller.admin()) {
                throw Problems.forbidden("Only the creator of project " + id + " or an administrator can remove"
                        + " another member");
            }
            if (projects.removeMember(id, userId) == 0) {
                throw Problems.notFound("User " + userId + " is not a member of project " + id);
            }
            events.publishEvent(new MemberRemoved(id, userId));
            events.publishEvent(new ProjectUpdated(id, Type.MEMBER_REMOVED, views.view(id)));
            return null;
        }));
    }

    Mono<Stage> addStage(long id, CreateStageRequest request, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            lockForMember(id, caller, false);
            Stage stored = stages.save(new Stage(null, id, request.name().trim(), now(), null, null));
            events.publishEvent(new ProjectUpdated(id, Type.STAGE_ADDED, views.view(id)));
            return stored;
        }));
    }

    Mono<Stage> completeStage(long id, long stageId, Caller caller) {
        return Blocking.call(() -> change(id, status -> {
            Project project = lockForMember(id, caller, false);
            if (stages.complete(stageId, id, caller.id(), now()) == 0) {
                throw stages.findByIdAndProjectId(stageId, id).isPresent()
                        ? Problems.conflict("Stage " + stageId + " is already completed")
                        : Problems.notFound("Stage " + stageId + " of project " + id + " does not exist");
            }
            Stage stored = stages.findById(stageId).orElseThrow();
            events.publishEvent(new StageCompleted(stored,
                    notifications.stageCompleted(project, stored, caller, projects.memberIds(id))));
            return stored;
        }));
    }

    /** The project's row locked for a change by a member (or, with {@code adminToo}, an ADMIN); 404 otherwise. */
    private Project lockForMember(long id, Caller caller, boolean adminToo) {
        Project project = projects.lockById(id).orElseThrow(() -> ProjectViews.notFound(id));
        views.requireVisible(id, caller, adminToo);
        return project;
    }

    /** Runs a change of project {@code id} and its after-commit events under the project's stripe. */
    private <T> T change(long id, TransactionCallback<T> body) {
        return locks.call(id, () -> transactions.execute(body));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
