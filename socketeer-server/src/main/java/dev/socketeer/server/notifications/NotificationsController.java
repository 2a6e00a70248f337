package dev.socketeer.server.notifications;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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
 * {@code /api/v1/notifications}: an administrator creates a notification for any user; everyone else reads
 * and marks their own (the token's {@code uid}). Another user's notification is answered as missing (404),
 * never 403, so ids of others cannot be probed. Roles: {@link NotificationsSecurity}.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationsController {

    /** {@code {"count": N}}. */
    record UnreadCount(long count) {}

    /** {@code {"updated": N}}: how many notifications were unread and are read now. */
    record ReadAll(int updated) {}

    private final NotificationService notifications;

    NotificationsController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Notification> create(@Valid @RequestBody CreateNotificationRequest request) {
        return Blocking.call(() -> notifications.create(request.userId(), request.notificationType(),
                request.title(), request.message(), request.data()));
    }

    @GetMapping
    Mono<PageView<Notification>> list(@AuthenticationPrincipal Jwt jwt,
                                      @RequestParam(defaultValue = "false") boolean unread,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(NotificationService.MAX_PAGE_SIZE) int size) {
        long userId = CallerId.require(jwt);
        return Blocking.call(() -> notifications.list(userId, unread, page, size));
    }

    @GetMapping("/unread-count")
    Mono<UnreadCount> unreadCount(@AuthenticationPrincipal Jwt jwt) {
        long userId = CallerId.require(jwt);
        return Blocking.call(() -> new UnreadCount(notifications.unreadCount(userId)));
    }

    @PatchMapping("/{id}/read")
    Mono<Notification> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        long userId = CallerId.require(jwt);
        return Blocking.call(() -> notifications.markRead(userId, id));
    }

    @PostMapping("/read-all")
    Mono<ReadAll> markAllRead(@AuthenticationPrincipal Jwt jwt) {
        long userId = CallerId.require(jwt);
        return Blocking.call(() -> new ReadAll(notifications.markAllRead(userId)));
    }
}
