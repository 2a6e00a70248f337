package dev.socketeer.server.hub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.hub.*}: the event hub's limits and its presence events. Immutable; checked at startup.
 *
 * @param presenceEvents     whether a client gets {@code connected} and everyone else {@code clientJoined} /
 *                           {@code clientLeft} (the seed's behaviour). Announcing every client to every other
 *                           costs connections² messages; turn it off for very many clients (the {@code bench}
 *                           profile does, since the benchmark holds tens of thousands of connections)
 * @param maxRoomNameLength  the longest room name a client may join or send to, in characters
 * @param maxRoomsPerSocket  the most hub rooms one socket may be in at once
 */
@ConfigurationProperties("socketeer.server.hub")
record HubProperties(@DefaultValue("true") boolean presenceEvents,
                     @DefaultValue("100") int maxRoomNameLength,
                     @DefaultValue("20") int maxRoomsPerSocket) {

    HubProperties {
        if (maxRoomNameLength < 1 || maxRoomNameLength > 1000) {
            throw new IllegalArgumentException("socketeer.server.hub.max-room-name-length must be 1 to 1000");
        }
        if (maxRoomsPerSocket < 1 || maxRoomsPerSocket > 1000) {
            throw new IllegalArgumentException("socketeer.server.hub.max-rooms-per-socket must be 1 to 1000");
        }
    }
}
