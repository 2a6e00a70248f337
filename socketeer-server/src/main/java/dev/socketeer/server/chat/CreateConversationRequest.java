package dev.socketeer.server.chat;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/conversations}; the creator participates whether listed or not. With a
 * {@code projectId}, the creator and every participant must be members of that project.
 */
record CreateConversationRequest(
        @Positive Long projectId,
        @NotNull @Size(max = 100) List<@NotNull @Positive Long> participantIds) {}
