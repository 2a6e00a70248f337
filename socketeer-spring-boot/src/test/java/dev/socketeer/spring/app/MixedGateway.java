package dev.socketeer.spring.app;

import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.Authenticated;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketGateway;
import java.security.Principal;

/** Anonymous clients and users on one namespace: access is decided per handler. */
@SocketGateway(namespace = "/mixed", auth = AuthPolicy.OPTIONAL)
class MixedGateway {

    @OnEvent("public")
    String anyone() {
        return "anyone";
    }

    @Authenticated
    @OnEvent("private")
    String user(Principal principal, Greeting greeting) {
        return principal.getName() + ":" + greeting.name();
    }

    @Authenticated(roles = "ADMIN")
    @OnEvent("admin")
    String admin(Principal principal) {
        return "admin " + principal.getName();
    }

    @Authenticated
    @OnConnect
    void welcomeUsers(Socket socket, Principal principal) {
        socket.emit("welcome", principal.getName());
    }
}
