package dev.socketeer.spring.app;

import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.BeforeConnect;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;

/** A gateway that joins each user's room in {@code @BeforeConnect}; its {@code @OnConnect} can be held back. */
@SocketGateway(namespace = "/rooms", auth = AuthPolicy.REQUIRED)
class RoomsGateway {
    /** Counted down by a test to let {@code @OnConnect} finish; open unless a test replaces it. */
    static volatile CountDownLatch onConnectGate = new CountDownLatch(0);
    /** The subjects {@code @BeforeConnect} was called for, in order. */
    static final List<String> beforeConnectCalls = new CopyOnWriteArrayList<>();

    @BeforeConnect
    void joinUserRoom(Socket socket, Jwt jwt) {
        beforeConnectCalls.add(jwt.getSubject());
        socket.join("user:" + jwt.getSubject());
        if (jwt.getSubject().equals("banned")) {
            throw new SocketError("Banned");
        }
        if (jwt.getSubject().equals("broken")) {
            throw new IllegalStateException("secret internals");
        }
    }

    @OnConnect
    void connected(Socket socket) throws InterruptedException {
        boolean opened = onConnectGate.await(20, TimeUnit.SECONDS);
        socket.emit("ready", opened);
    }
}
