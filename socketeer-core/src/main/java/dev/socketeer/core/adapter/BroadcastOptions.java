package dev.socketeer.core.adapter;

import java.util.Objects;
import java.util.Set;

/**
 * Which sockets a broadcast (or {@code fetchSockets}, {@code socketsJoin}, ...) selects: those in any of
 * {@code rooms} (every socket when empty) and in none of {@code except}; Node's {@code BroadcastOptions}.
 *
 * <p>Immutable; safe to share across threads.
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {

    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
        Objects.requireNonNull(flags, "flags");
    }

    /** Every socket, no flags. */
    public static BroadcastOptions all() {
        return new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    /** The same selection with the {@code local} flag: this server only. */
    public BroadcastOptions withLocal() {
        return flags.local() ? this : new BroadcastOptions(rooms, except, flags.withLocal());
    }

    /** Whether a socket in exactly these rooms is selected. */
    public boolean selects(java.util.Collection<String> socketRooms) {
        boolean included = rooms.isEmpty() || socketRooms.stream().anyMatch(rooms::contains);
        return included && socketRooms.stream().noneMatch(except::contains);
    }
}
