package dev.socketeer.server.projects;

import dev.socketeer.server.common.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/projects}: create (201 + Location), list the caller's (paged, newest first), get, update,
 * delete, members and stages. Who may do what is {@link ProjectService}'s rule; every route needs a token
 * ({@link ProjectsSecurity}).
 */
@RestController
@RequestMapping("/api/v1/projects")
class ProjectsController {

    private final ProjectService projects;

    ProjectsController(ProjectService projects) {
        this.projects = projects;
    }

    @PostMapping
    Mono<ResponseEntity<ProjectView>> create(@Valid @RequestBody CreateProjectRequest request,
                                             @AuthenticationPrincipal Jwt jwt) {
        return projects.create(request, Caller.of(jwt))
                .map(p -> ResponseEntity.created(URI.create("/api/v1/projects/" + p.id())).body(p));
    }

    @GetMapping
    Mono<PageView<ProjectView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                     @AuthenticationPrincipal Jwt jwt) {
        return projects.list(Caller.of(jwt), page, size);
    }

    @GetMapping("/{id}")
    Mono<ProjectView> get(@PathVariable long id, @AuthenticationPrincipal Jwt jwt) {
        return projects.get(id, Caller.of(jwt));
    }

    @PatchMapping("/{id}")
    Mono<ProjectView> update(@PathVariable long id, @Valid @RequestBody UpdateProjectRequest request,
                             @AuthenticationPrincipal Jwt jwt) {
        return projects.update(id, request, Caller.of(jwt));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id, @AuthenticationPrincipal Jwt jwt) {
        return projects.delete(id, Caller.of(jwt));
    }

    @PostMapping("/{id}/members")
    Mono<ProjectView> addMember(@PathVariable long id, @Valid @RequestBody AddMemberRequest request,
                                @AuthenticationPrincipal Jwt jwt) {
        return projects.addMember(id, request.userId(), Caller.of(jwt));
    }

    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> removeMember(@PathVariable long id, @PathVariable long userId, @AuthenticationPrincipal Jwt jwt) {
        return projects.removeMember(id, userId, Caller.of(jwt));
    }

    @PostMapping("/{id}/stages")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Stage> addStage(@PathVariable long id, @Valid @RequestBody CreateStageRequest request,
                         @AuthenticationPrincipal Jwt jwt) {
        return projects.addStage(id, request, Caller.of(jwt));
    }

    @PostMapping("/{id}/stages/{stageId}/complete")
    Mono<Stage> completeStage(@PathVariable long id, @PathVariable long stageId, @AuthenticationPrincipal Jwt jwt) {
        return projects.completeStage(id, stageId, Caller.of(jwt));
    }
}
