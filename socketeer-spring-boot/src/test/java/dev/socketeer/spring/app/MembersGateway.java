package dev.socketeer.spring.app;

import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.Authenticated;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketGateway;

/** Every handler of this gateway needs a principal ({@link Authenticated} on the class). */
@Authenticated
@SocketGateway(namespace = "/mixed", auth = AuthPolicy.OPTIONAL)
class MembersGateway {
    static int calls;

    @OnEvent("members")
    synchronized String members() {
        calls++;
        return "members only";
    }
}
