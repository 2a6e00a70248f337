package dev.socketeer.server.projects;

import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.common.StripedLocks;
import dev.socketeer.server.notifications.Notification;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.Authenticated;
import dev.socketeer.spring.BeforeConnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.SocketError;
import dev.socketeer.spring.SocketGateway;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002's project events on the shared namespace {@code /} (anonymous clients connect for other features;
 * every handler here needs a user). An authenticated socket joins its user's room {@code user:<uid>} before
 * CONNECT is answered. {@code join:project {projectId}} lets members into {@code project:<id>} (ack
 * {@code {"success":true,"projectId":…}}; anyone else gets {@code {"status":"error","message":"Project … does not
 * exist"}} and stays out); {@code leave:project} leaves it. After commit, {@code project:update {type, data}} and
 * {@code stage:completed} (the stored stage) go to the project's room, {@code notification:new} to each member's
 * user room.
 *
 * <p>Threading: handlers run on the handler executor and block for one membership query (so a socket's events
 * stay in order: a join is done before the next event of that socket runs); after-commit listeners run on the
 * committing thread, under the project's stripe.
 */
@SocketGateway(namespace = "/", auth = AuthPolicy.OPTIONAL)
@Authenticated
final class ProjectsGateway {

    static final String JOIN = "join:project";
    static final String LEAVE = "leave:project";
    static final String PROJECT_UPDATE = "project:update";
    static final String STAGE_COMPLETED = "stage:completed";

    private final SocketIoServer io;
    private final ProjectMembers members;
    private final UserNotices notices;
    private final StripedLocks locks;
    private final JsonMapper json;

    ProjectsGateway(SocketIoServer io, ProjectMembers members, UserNotices notices, ProjectLocks locks, JsonMapper json) {
        this.io = io;
        this.members = members;
        this.notices = notices;
        this.locks = locks.stripes();
        this.json = json;
    }

    /** What {@code join:project} and {@code leave:project} carry. */
    record ProjectRef(@NotNull @Positive Long projectId) {}

    /** Their ack. */
    record RoomAck(boolean success, long projectId) {}

    static String room(long projectId) {
        return "project:" + projectId;
    }

    @BeforeConnect
    void joinUserRoom(Socket socket, Jwt jwt) {
        Caller.from(jwt).ifPresent(caller -> socket.join(UserNotices.room(caller.id())));
    }

    @OnEvent(JOIN)
    RoomAck join(Socket socket, Jwt jwt, @Valid ProjectRef ref) {
        long id = ref.projectId();
        long userId = Caller.from(jwt).orElseThrow(() -> new SocketError("Unauthorized")).id();
        // under the project's stripe: a removal committing now makes its sockets leave after this join
        return locks.call(id, () -> {
            if (!members.isMember(id, userId)) throw new SocketError("Project " + id + " does not exist");
            socket.join(room(id));
            return new RoomAck(true, id);
        });
    }

    @OnEvent(LEAVE)
    RoomAck leave(Socket socket, @Valid ProjectRef ref) {
        socket.leave(room(ref.projectId()));
        return new RoomAck(true, ref.projectId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void projectUpdated(ProjectUpdated event) {
        String room = room(event.projectId());
        io.of("/").to(room).emit(PROJECT_UPDATE, json.valueToTree(event.payload()));
        if (event.type() == ProjectUpdated.Type.DELETED) {
            io.of("/").in(room).socketsLeave(room);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void stageCompleted(StageCompleted event) {
        io.of("/").to(room(event.stage().projectId())).emit(STAGE_COMPLETED, json.valueToTree(event.stage()));
        for (Notification notification : event.notifications()) {
            notices.deliver(notification);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void memberRemoved(MemberRemoved event) {
        io.of("/").in(UserNotices.room(event.userId())).socketsLeave(room(event.projectId()));
    }
}
