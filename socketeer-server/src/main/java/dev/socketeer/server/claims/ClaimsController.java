package dev.socketeer.server.claims;

import dev.socketeer.server.common.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** {@code /api/v1/claims}: create (201 + Location), list newest first (paged), get one. All need a token. */
@RestController
@RequestMapping("/api/v1/claims")
class ClaimsController {

    private final ClaimService claims;

    ClaimsController(ClaimService claims) {
        this.claims = claims;
    }

    @PostMapping
    Mono<ResponseEntity<Claim>> create(@Valid @RequestBody CreateClaimRequest request, @AuthenticationPrincipal Jwt jwt) {
        return claims.create(request, jwt.getSubject())
                .map(claim -> ResponseEntity.created(URI.create("/api/v1/claims/" + claim.id())).body(claim));
    }

    @GetMapping
    Mono<PageView<Claim>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return claims.list(page, size);
    }

    @GetMapping("/{id}")
    Mono<Claim> get(@PathVariable long id) {
        return claims.get(id);
    }
}
