package dev.socketeer.server.projects;

import dev.socketeer.server.notifications.Notification;
import java.util.List;

/**
 * Published inside the transaction that completed a stage; after commit {@link ProjectsGateway} emits
 * {@code stage:completed} (the stored stage) to the project's room and {@code notification:new} (each stored
 * notification) to its member's user room.
 */
record StageCompleted(Stage stage, List<Notification> notifications) {}
