package dev.socketeer.server.projects;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The body of {@code POST /api/v1/projects/{id}/members}. */
record AddMemberRequest(@NotNull @Positive Long userId) {}
