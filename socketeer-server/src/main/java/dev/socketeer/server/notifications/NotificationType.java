package dev.socketeer.server.notifications;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What kind of notification: its wire name is the lower-case {@link #wireName()} ({@code info}, ...). */
public enum NotificationType {
    INFO, SUCCESS, WARNING, ERROR;

    /** The name in JSON: {@code info}, {@code success}, {@code warning}, {@code error}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name (case-insensitive); an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static NotificationType fromWireName(String name) {
        for (NotificationType t : values()) {
            if (t.wireName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be one of info, success, warning, error");
    }
}
