package dev.socketeer.server.projects;

import dev.socketeer.server.notifications.Notification;
import dev.socketeer.server.notifications.NotificationService;
import dev.socketeer.server.notifications.NotificationType;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells every member of a project that a stage was completed: a stored notification each (through
 * {@link NotificationService#notify}, which joins the completing transaction, so it is also delivered on
 * {@code /notifications} and SSE), with {@code data = {projectId, stageId}}. {@link ProjectsGateway} sends the
 * same notifications as {@code notification:new} after commit. Thread safe; blocking.
 */
@Component
final class StageNotifications {

    private final NotificationService notifications;
    private final JsonMapper json;

    StageNotifications(NotificationService notifications, JsonMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    List<Notification> stageCompleted(Project project, Stage stage, Caller by, List<Long> memberIds) {
        ObjectNode data = json.createObjectNode().put("projectId", project.id()).put("stageId", stage.id());
        String message = "\"" + stage.name() + "\" of \"" + project.name() + "\" was completed by " + by.username() + ".";
        return memberIds.stream()
                .map(member -> notifications.notify(member, NotificationType.SUCCESS, "Stage completed", message, data))
                .toList();
    }
}
