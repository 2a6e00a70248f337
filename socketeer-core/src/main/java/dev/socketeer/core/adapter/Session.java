package dev.socketeer.core.adapter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A disconnected socket's state kept for connection state recovery.
 *
 * <p>Immutable; safe to share across threads.
 *
 * @param sid the socket id
 * @param pid the private session id the client presents to recover
 * @param rooms the rooms the socket was in
 * @param data the socket's data at disconnection
 * @param missedPackets on restore: the EVENT payloads ({@code [event, ...args, offset]}) to replay in
 *     order; empty when persisting
 */
public record Session(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                      List<JsonNode> missedPackets) {

    public Session {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(pid, "pid");
        rooms = Set.copyOf(rooms);
        data = Map.copyOf(data);
        missedPackets = List.copyOf(missedPackets);
    }

    /** The same session with the packets to replay. */
    public Session withMissedPackets(List<JsonNode> packets) {
        return new Session(sid, pid, rooms, data, packets);
    }
}
