package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthDtos.LoginRequest;
import dev.socketeer.server.auth.AuthDtos.RegisterRequest;
import dev.socketeer.server.auth.AuthDtos.TokenResponse;
import dev.socketeer.server.auth.AuthDtos.UserView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/auth}: register and login are public; {@code me} needs a bearer token. Logins are throttled by
 * the request's remote address: behind a proxy, set {@code server.forward-headers-strategy} so it is the client's.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    Mono<ResponseEntity<UserView>> register(@Valid @RequestBody RegisterRequest request) {
        return auth.register(request)
                .map(user -> ResponseEntity.created(URI.create("/api/v1/auth/me")).body(user));
    }

    @PostMapping("/login")
    Mono<TokenResponse> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        return auth.login(request, LoginThrottle.addressKey(http.getRemoteAddress()));
    }

    @GetMapping("/me")
    Mono<UserView> me(@AuthenticationPrincipal Jwt jwt) {
        return auth.me(jwt.getSubject());
    }
}
