package dev.socketeer.server.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/projects/{id}/stages}. */
record CreateStageRequest(@NotBlank @Size(max = 200) String name) {}
