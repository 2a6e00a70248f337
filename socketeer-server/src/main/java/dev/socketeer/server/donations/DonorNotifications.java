package dev.socketeer.server.donations;

import dev.socketeer.server.notifications.NotificationService;
import dev.socketeer.server.notifications.NotificationType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells a donor what happened to their donation: a stored notification (delivered on {@code /notifications}
 * and SSE after commit) with {@code data = {donationId, status}}. Called inside the step's transaction, which
 * {@link NotificationService#notify} joins, so a rolled-back step notifies nobody. Thread safe; blocking.
 */
@Component
final class DonorNotifications {

    private final NotificationService notifications;
    private final JsonMapper json;

    DonorNotifications(NotificationService notifications, JsonMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    /** {@code d} has just taken a step (claimed, picked up, delivered) by {@code ngo}. */
    void stepTaken(Donation d, Actor ngo) {
        String name = "\"" + d.name() + "\"";
        ObjectNode data = json.createObjectNode().put("donationId", d.id()).put("status", d.status().name());
        switch (d.status()) {
            case CLAIMED -> notifications.notify(d.donorId(), NotificationType.SUCCESS, "Donation claimed",
                    "Your donation " + name + " was claimed by " + ngo.username() + ".", data);
            case PICKED_UP -> notifications.notify(d.donorId(), NotificationType.INFO, "Donation picked up",
                    "Your donation " + name + " was picked up by " + ngo.username() + ".", data);
            case DELIVERED -> notifications.notify(d.donorId(), NotificationType.SUCCESS, "Donation delivered",
                    "Your donation " + name + " was delivered by " + ngo.username() + ".", data);
            case AVAILABLE -> throw new IllegalArgumentException("an available donation has taken no step");
        }
    }
}
