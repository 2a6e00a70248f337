package dev.socketeer.server.chat;

import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.projects.Caller;
import dev.socketeer.spring.SocketPrincipal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Which users have a socket in a room of namespace {@code /}, from the sockets' handshake principals
 * ({@code fetchSockets}, so with a cluster adapter it asks every node). When the answer does not come in time
 * the room counts as empty: everyone is notified rather than someone missed. Thread safe; blocking (bounded).
 */
@Component
final class RoomPresence {

    private static final Logger log = LoggerFactory.getLogger(RoomPresence.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final SocketIoServer io;

    RoomPresence(SocketIoServer io) {
        this.io = io;
    }

    /** The ids of the users with at least one socket in {@code room}. */
    Set<Long> usersIn(String room) {
        List<RemoteSocket> sockets;
        try {
            sockets = io.of("/").in(room).fetchSockets().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not list the sockets of {}; notifying every participant", room, e);
            return Set.of();
        }
        Set<Long> users = new HashSet<>();
        for (RemoteSocket socket : sockets) {
            if (socket.data().get(SocketPrincipal.KEY) instanceof JwtAuthenticationToken token) {
                Caller.from(token.getToken()).ifPresent(caller -> users.add(caller.id()));
            }
        }
        return users;
    }
}
