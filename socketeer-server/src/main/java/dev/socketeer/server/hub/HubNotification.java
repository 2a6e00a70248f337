package dev.socketeer.server.hub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A system notification for hub clients, the seed's {@code {type, title, message}}; clients receive it as
 * {@code notification {type, title, message, timestamp}}. Immutable.
 *
 * @param type    {@code info}, {@code success}, {@code warning} or {@code error}
 * @param title   1 to 200 characters
 * @param message 1 to 2000 characters
 */
public record HubNotification(
        @NotNull @Pattern(regexp = "info|success|warning|error", message = "must be info, success, warning or error")
        String type,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 2000) String message) {}
