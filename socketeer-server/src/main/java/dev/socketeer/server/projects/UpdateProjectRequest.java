package dev.socketeer.server.projects;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PATCH /api/v1/projects/{id}}: the fields to change; absent or {@code null} ones stay.
 *
 * @param status one of {@code active}, {@code on_hold}, {@code completed}, {@code archived}
 */
record UpdateProjectRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Size(max = 4000) String description,
        @Pattern(regexp = ProjectStatus.WIRE_NAMES, message = "must be one of active, on_hold, completed, archived")
        String status) {

    ProjectStatus statusOrNull() {
        return status == null ? null : ProjectStatus.fromWireName(status);
    }
}
