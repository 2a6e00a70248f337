package dev.socketeer.server.notifications;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event of a user's notification feed, as every device gets it: the socket event named
 * {@link Type#wireName()} and the SSE message both carry {@link #json()}, {@code {"type": ..., "data": ...}}
 * (the seed's clients read {@code event.data.title} and {@code event.data.count}). Immutable.
 *
 * @param notificationId the notification's id ({@link Type#NOTIFICATION}), else 0
 * @param countSequence  the order in which the count was read ({@link Type#UNREAD_COUNT}), else 0
 * @param json           the event's JSON text, written once and shared by every stream
 */
record FeedEvent(Type type, long notificationId, long countSequence, String json) {

    /** The event names on the socket and the {@code type} field in the JSON. */
    enum Type {
        NOTIFICATION("notification"), UNREAD_COUNT("unread_count");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    /** {@code {"type":"notification","data":<the notification, as the REST API shows it>}}. */
    static FeedEvent notification(Notification notification, JsonMapper mapper) {
        return new FeedEvent(Type.NOTIFICATION, notification.id(), 0, envelope(mapper, Type.NOTIFICATION, notification));
    }

    /** {@code {"type":"unread_count","data":{"count":N}}}. */
    static FeedEvent unreadCount(UnreadCounts.UnreadCount count, JsonMapper mapper) {
        return new FeedEvent(Type.UNREAD_COUNT, 0, count.sequence(),
                envelope(mapper, Type.UNREAD_COUNT, Map.of("count", count.count())));
    }

    /** The JSON as a tree, for emitting on a socket. */
    JsonNode tree(JsonMapper mapper) {
        return mapper.readTree(json);
    }

    private static String envelope(JsonMapper mapper, Type type, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type.wireName());
        event.put("data", data);
        return mapper.writeValueAsString(event);
    }
}
