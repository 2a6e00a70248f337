package dev.socketeer.server.projects;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Published inside the transaction that changed a project; {@link ProjectsGateway} emits it after commit as
 * {@code project:update {type, data}} to the project's room (the seed's {@code emitProjectUpdate(projectId,
 * {type: 'status_change', data})}). {@code data} is the project as stored after the change ({@link ProjectView}),
 * or {@code {"id": …}} when it was deleted.
 */
record ProjectUpdated(long projectId, Type type, Object data) {

    /** What changed; in JSON lower case ({@code status_change}). */
    enum Type {
        /** {@code PATCH} changed the status (perhaps other fields too). */
        STATUS_CHANGE,
        /** {@code PATCH} changed the name or description only. */
        DETAILS_CHANGE,
        STAGE_ADDED,
        MEMBER_ADDED,
        MEMBER_REMOVED,
        DELETED;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The event's payload: {@code {type, data}}. */
    record Payload(Type type, Object data) {}

    Payload payload() {
        return new Payload(type, data);
    }
}
