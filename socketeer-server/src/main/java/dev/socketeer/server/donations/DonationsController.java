package dev.socketeer.server.donations;

import dev.socketeer.server.common.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/donations}: create (DONOR, 201 + Location), claim and status changes (NGO), list (status
 * filter, paged, newest first) and get (any user with a token). Roles are checked by {@link DonationsSecurity}.
 */
@RestController
@RequestMapping("/api/v1/donations")
class DonationsController {

    private final DonationService donations;

    DonationsController(DonationService donations) {
        this.donations = donations;
    }

    @PostMapping
    Mono<ResponseEntity<DonationView>> create(@Valid @RequestBody CreateDonationRequest request,
                                              @AuthenticationPrincipal Jwt jwt) {
        return donations.create(request, Actor.of(jwt))
                .map(d -> ResponseEntity.created(URI.create("/api/v1/donations/" + d.id())).body(DonationView.of(d)));
    }

    @PostMapping("/{id}/claim")
    Mono<DonationView> claim(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
        return donations.claim(id, Actor.of(jwt)).map(DonationView::of);
    }

    @PatchMapping("/{id}/status")
    Mono<DonationView> updateStatus(@PathVariable String id, @Valid @RequestBody StatusUpdateRequest request,
                                    @AuthenticationPrincipal Jwt jwt) {
        return donations.updateStatus(id, request.toStatus(), Actor.of(jwt)).map(DonationView::of);
    }

    @GetMapping
    Mono<PageView<DonationView>> list(
            @RequestParam(required = false) @Pattern(regexp = "AVAILABLE|CLAIMED|PICKED_UP|DELIVERED",
                    message = "must be one of AVAILABLE, CLAIMED, PICKED_UP, DELIVERED") String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        DonationStatus filter = status == null ? null : DonationStatus.valueOf(status);
        return donations.list(filter, page, size).map(p -> new PageView<>(
                p.content().stream().map(DonationView::of).toList(), p.page(), p.size(), p.totalElements(),
                p.totalPages()));
    }

    @GetMapping("/{id}")
    Mono<DonationView> get(@PathVariable String id) {
        return donations.get(id).map(DonationView::of);
    }
}
