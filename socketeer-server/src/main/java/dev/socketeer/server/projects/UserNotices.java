package dev.socketeer.server.projects;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.notifications.Notification;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's room on namespace {@code /} ({@code user:<uid>}, joined by every authenticated socket before CONNECT
 * is answered, see {@link ProjectsGateway}) and seed 002's {@code notification:new} sent to it. The payload is
 * the stored notification, the same JSON as {@code GET /api/v1/notifications}. Call it after commit.
 *
 * <p>Thread safe; never blocks.
 */
@Component
public final class UserNotices {

    /** Seed 002's event name. */
    public static final String NOTIFICATION_NEW = "notification:new";

    private final SocketIoServer io;
    private final JsonMapper json;

    UserNotices(SocketIoServer io, JsonMapper json) {
        this.io = io;
        this.json = json;
    }

    /** The room of the user's sockets on {@code /}: {@code user:<userId>}. */
    public static String room(long userId) {
        return "user:" + userId;
    }

    /** Emits {@code notification:new} with {@code notification} to its user's sockets on {@code /}. */
    public void deliver(Notification notification) {
        io.of("/").to(room(notification.userId())).emit(NOTIFICATION_NEW, json.valueToTree(notification));
    }
}
