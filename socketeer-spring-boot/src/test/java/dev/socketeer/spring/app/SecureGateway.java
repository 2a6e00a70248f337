package dev.socketeer.spring.app;

import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.AuthPrincipal;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketGateway;
import java.security.Principal;
import org.springframework.security.oauth2.jwt.Jwt;

/** A gateway whose namespace requires a valid JWT. */
@SocketGateway(namespace = "/secure", auth = AuthPolicy.REQUIRED)
class SecureGateway {

    @OnConnect
    void connected(Socket socket, Jwt jwt, @AuthPrincipal Principal principal) {
        socket.emit("whoami", jwt.getSubject(), principal.getName());
    }

    @OnEvent("me")
    String me(Principal principal) {
        return principal.getName();
    }
}
