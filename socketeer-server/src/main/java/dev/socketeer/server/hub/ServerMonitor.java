package dev.socketeer.server.hub;

import dev.socketeer.core.Namespace;
import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.spring.SocketPrincipal;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * {@code /websocket/status} and {@code /websocket/clients}, read from the server's own state: its sockets,
 * their rooms, handshakes and transports, and the {@link ServerTraffic} counters. Nothing is cached.
 *
 * <p>Threading: thread safe; a view is a snapshot taken while sockets come and go.
 */
@Component
final class ServerMonitor {
    private final SocketIoServer io;
    private final ServerTraffic traffic;

    ServerMonitor(SocketIoServer io, ServerTraffic traffic) {
        this.io = io;
        this.traffic = traffic;
    }

    /** A hub room and how many clients are in it. */
    record RoomView(String name, int clients) {}

    /**
     * The server's state.
     *
     * @param connectedClients Engine.IO connections (a client connected to several namespaces counts once)
     * @param namespaces       sockets per namespace
     * @param rooms            the hub's rooms (as clients name them) and their sizes
     */
    record StatusView(int connectedClients, Map<String, Integer> namespaces, List<RoomView> rooms,
                      Instant startedAt, long uptimeSeconds, long eventsReceived, long eventsSent) {}

    /** The user a socket authenticated as. */
    record UserView(Long id, String username) {}

    /**
     * One client of {@code /}: its id (what the trigger routes address), user (null when anonymous), rooms (as
     * stored: {@code hub:<name>} for hub rooms, other features' rooms by their names), current transport,
     * remote address and when its connection was opened.
     */
    record ClientView(String clientId, boolean connected, UserView user, List<String> rooms, String transport,
                      String remoteAddress, Instant connectedAt) {}

    StatusView status() {
        Map<String, Integer> namespaces = new TreeMap<>();
        namespaces.put(io.sockets().name(), io.sockets().sockets().size());
        for (Namespace namespace : traffic.namespaces()) {
            namespaces.put(namespace.name(), namespace.sockets().size());
        }
        Instant now = Instant.now();
        return new StatusView(io.engine().clientsCount(), namespaces, hubRooms(),
                traffic.startedAt(), Duration.between(traffic.startedAt(), now).toSeconds(),
                traffic.eventsReceived(), traffic.eventsSent());
    }

    List<ClientView> clients() {
        return io.sockets().sockets().values().stream()
                .map(ServerMonitor::view)
                .sorted(Comparator.comparing(ClientView::connectedAt).thenComparing(ClientView::clientId))
                .toList();
    }

    Optional<ClientView> client(String clientId) {
        return Optional.ofNullable(io.sockets().sockets().get(clientId)).map(ServerMonitor::view);
    }

    private List<RoomView> hubRooms() {
        Map<String, Integer> sizes = new TreeMap<>();
        for (Socket socket : io.sockets().sockets().values()) {
            for (String room : socket.rooms()) {
                String name = HubRooms.nameOf(room);
                if (name != null) {
                    sizes.merge(name, 1, Integer::sum);
                }
            }
        }
        return sizes.entrySet().stream().map(e -> new RoomView(e.getKey(), e.getValue())).toList();
    }

    private static ClientView view(Socket socket) {
        List<String> rooms = socket.rooms().stream().filter(r -> !r.equals(socket.id())).sorted().toList();
        return new ClientView(socket.id(), socket.connected(), user(socket), rooms, socket.transport().wireName(),
                socket.handshake().address(), Instant.ofEpochMilli(socket.handshake().issued()));
    }

    private static UserView user(Socket socket) {
        Optional<Principal> principal = SocketPrincipal.of(socket);
        if (principal.isEmpty()) {
            return null;
        }
        if (principal.get() instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            Object uid = jwt.getClaims().get("uid");
            return new UserView(uid instanceof Number n ? n.longValue() : null, jwt.getSubject());
        }
        return new UserView(null, principal.get().getName());
    }
}
