package dev.socketeer.server.notifications;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/notifications}: for the user with id {@code userId}; {@code type} one of
 * {@code info} (when absent), {@code success}, {@code warning}, {@code error}; {@code data} a JSON object or null.
 */
record CreateNotificationRequest(
        @NotNull @Positive Long userId,
        @Pattern(regexp = "info|success|warning|error", message = "must be one of info, success, warning, error")
        String type,
        @NotBlank @Size(max = NotificationService.MAX_TITLE) String title,
        @NotNull @Size(max = NotificationService.MAX_MESSAGE) String message,
        @JsonObjectOrNull(maxLength = NotificationService.MAX_DATA) JsonNode data) {

    NotificationType notificationType() {
        return type == null ? NotificationType.INFO : NotificationType.fromWireName(type);
    }
}
