package dev.socketeer.server.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/projects}; the creator is a member whether listed or not. */
record CreateProjectRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Size(max = 100) List<@NotNull @Positive Long> memberIds) {

    List<Long> memberIdsOrEmpty() {
        return memberIds == null ? List.of() : memberIds;
    }
}
