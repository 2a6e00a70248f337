package dev.socketeer.server.projects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a project stands. Stored by name ({@code ON_HOLD}); in JSON lower case ({@code on_hold}). */
enum ProjectStatus {
    ACTIVE, ON_HOLD, COMPLETED, ARCHIVED;

    static final String WIRE_NAMES = "active|on_hold|completed|archived";

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    static ProjectStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
