package dev.socketeer.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Socket.IO protocol 5 packet types, with their wire digits.
 *
 * <p>Immutable; safe to share across threads.
 */
public enum PacketType {
    CONNECT(0),
    DISCONNECT(1),
    EVENT(2),
    ACK(3),
    CONNECT_ERROR(4),
    BINARY_EVENT(5),
    BINARY_ACK(6);

    private static final PacketType[] BY_CODE = values();

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The digit that starts the encoded packet. */
    public int code() {
        return code;
    }

    /** Whether this is BINARY_EVENT or BINARY_ACK (the packet is followed by attachments). */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /** The type for a wire digit, or {@code null} if the digit is not a packet type. */
    public static @Nullable PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
