package dev.socketeer.server.chat;

import dev.socketeer.server.common.PageView;
import dev.socketeer.server.projects.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/conversations}: create (201 + Location), list the caller's (paged, newest first, optionally of
 * one project), get one, and its message history ({@code ?after=<messageId>&limit=N}, oldest first). Only
 * participants see a conversation; everyone else gets 404. Messages are sent over the socket
 * ({@code message:send}). Every route needs a token ({@link ChatSecurity}).
 */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationsController {

    private final ConversationService conversations;

    ConversationsController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    Mono<ResponseEntity<ConversationView>> create(@Valid @RequestBody CreateConversationRequest request,
                                                  @AuthenticationPrincipal Jwt jwt) {
        return conversations.create(request, Caller.of(jwt))
                .map(c -> ResponseEntity.created(URI.create("/api/v1/conversations/" + c.id())).body(c));
    }

    @GetMapping
    Mono<PageView<ConversationView>> list(@RequestParam(required = false) @Positive Long projectId,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                          @AuthenticationPrincipal Jwt jwt) {
        return conversations.list(Caller.of(jwt), projectId, page, size);
    }

    @GetMapping("/{id}")
    Mono<ConversationView> get(@PathVariable long id, @AuthenticationPrincipal Jwt jwt) {
        return conversations.get(id, Caller.of(jwt));
    }

    @GetMapping("/{id}/messages")
    Mono<HistoryPage> history(@PathVariable long id,
                              @RequestParam(defaultValue = "0") @Min(0) long after,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(ConversationService.MAX_PAGE) int limit,
                              @AuthenticationPrincipal Jwt jwt) {
        return conversations.history(id, Caller.of(jwt), after, limit);
    }
}
