package dev.socketeer.server.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The payload of {@code message:send}: {@code {conversationId, message: {content, type}}}, as the seed sends it. */
record SendMessageRequest(@NotNull @Positive Long conversationId, @NotNull @Valid Content message) {

    /** The longest content, in characters (the column's size). */
    static final int MAX_CONTENT = 4000;

    /** The message itself. */
    record Content(
            @NotBlank @Size(max = MAX_CONTENT) String content,
            @NotNull @Pattern(regexp = MessageType.WIRE_NAMES, message = "must be one of text, image, file") String type) {}
}
