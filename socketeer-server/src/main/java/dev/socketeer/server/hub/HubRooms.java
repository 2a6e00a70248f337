package dev.socketeer.server.hub;

import dev.socketeer.core.Socket;
import org.springframework.stereotype.Component;

/**
 * The hub's own room space. A room a client names ({@code "lobby"}, or even {@code "project:1"}) is the
 * Socket.IO room {@code "hub:" + name}, so no name a client sends can reach a room another feature protects
 * ({@code user:<id>}, {@code project:<id>}, {@code conversation:<id>}): those never start with {@code hub:}.
 * Names are 1 to {@code max-room-name-length} characters without control characters; a socket is in at
 * most {@code max-rooms-per-socket} hub rooms. Events carry the name the client used, never the prefix.
 *
 * <p>Stateless apart from the limits; thread safe.
 */
@Component
final class HubRooms {
    static final String PREFIX = "hub:";

    private final HubProperties limits;

    HubRooms(HubProperties limits) {
        this.limits = limits;
    }

    /** The Socket.IO room of the hub room {@code name}; refuses a name out of bounds, naming why. */
    String room(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRoomException("room must not be blank");
        }
        if (name.length() > limits.maxRoomNameLength()) {
            throw new InvalidRoomException("room must be at most " + limits.maxRoomNameLength() + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRoomException("room must not contain control characters");
        }
        return PREFIX + name;
    }

    /** Whether {@code socket} may join one more hub room. */
    boolean full(Socket socket) {
        return hubRoomsOf(socket) >= limits.maxRoomsPerSocket();
    }

    int maxRoomsPerSocket() {
        return limits.maxRoomsPerSocket();
    }

    /** The hub room name of a Socket.IO room, or null when the room is not the hub's. */
    static String nameOf(String room) {
        return room.startsWith(PREFIX) ? room.substring(PREFIX.length()) : null;
    }

    private static long hubRoomsOf(Socket socket) {
        return socket.rooms().stream().filter(r -> r.startsWith(PREFIX)).count();
    }

    /** A room name out of bounds; the message is meant for the caller. */
    static final class InvalidRoomException extends IllegalArgumentException {
        InvalidRoomException(String message) {
            super(message);
        }
    }
}
