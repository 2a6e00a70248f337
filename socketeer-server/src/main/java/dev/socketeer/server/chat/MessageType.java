package dev.socketeer.server.chat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a message's content is: {@code text}, or a link to an {@code image} or {@code file} the client stored
 * elsewhere. Stored by name ({@code TEXT}); in JSON lower case, as the seed sends it.
 */
enum MessageType {
    TEXT, IMAGE, FILE;

    /** The wire names, as a validation pattern. */
    static final String WIRE_NAMES = "text|image|file";

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
