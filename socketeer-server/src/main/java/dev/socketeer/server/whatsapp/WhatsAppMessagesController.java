package dev.socketeer.server.whatsapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/whatsapp/messages {to, message}} (ADMIN or API key): 200 {@code {messageId, to, message,
 * timestamp}} once the Cloud API accepted it; 400 naming the fields; 503 when sending is not configured; 502 when
 * Meta refuses (with its message) or cannot be reached.
 */
@RestController
class WhatsAppMessagesController {
    static final String PATH = "/api/v1/whatsapp/messages";

    private final WhatsAppMessages messages;

    WhatsAppMessagesController(WhatsAppMessages messages) {
        this.messages = messages;
    }

    /**
     * @param to      the recipient's phone number in international format, digits with an optional leading +
     * @param message the text, 1 to 4096 characters (the Cloud API's limit)
     */
    record SendRequest(@NotNull @Pattern(regexp = "\\+?[1-9][0-9]{6,14}", message = "must be a phone number in"
                               + " international format, e.g. 491701234567") String to,
                       @NotBlank @Size(max = 4096) String message) {}

    @PostMapping(PATH)
    Mono<WhatsAppMessages.Sent> send(@Valid @RequestBody SendRequest request) {
        return messages.send(request.to(), request.message());
    }
}
