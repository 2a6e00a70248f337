package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;

/**
 * One Engine.IO packet. MESSAGE packets carry an {@link EngineMessage} (shared, encoded once);
 * control packets carry their optional string data ({@code "probe"}, the open JSON).
 */
record EnginePacket(EnginePacketType type, String data, EngineMessage message) {

    static final EnginePacket PING = control(EnginePacketType.PING, null);
    static final EnginePacket PONG_PROBE = control(EnginePacketType.PONG, "probe");
    static final EnginePacket NOOP = control(EnginePacketType.NOOP, null);
    static final EnginePacket CLOSE = control(EnginePacketType.CLOSE, null);

    /** One packet per type without data (an empty message for MESSAGE); immutable, so shared. */
    private static final EnginePacket[] WITHOUT_DATA = new EnginePacket[EnginePacketType.values().length];

    static {
        for (EnginePacketType type : EnginePacketType.values()) {
            WITHOUT_DATA[type.ordinal()] = type == EnginePacketType.MESSAGE ? message(EngineMessage.text(""))
                    : control(type, null);
        }
    }

    /** The shared packet of {@code type} without data: {@code "2"}, {@code "6"}, or the empty message {@code "4"}. */
    static EnginePacket withoutData(EnginePacketType type) {
        return WITHOUT_DATA[type.ordinal()];
    }

    static EnginePacket control(EnginePacketType type, String data) {
        return new EnginePacket(type, data, null);
    }

    static EnginePacket message(EngineMessage message) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, message);
    }

    /** Whether a transport may compress this packet: control packets may, messages unless marked uncompressed. */
    boolean compress() {
        return message == null || message.compress();
    }

    /** Rough size in bytes, for the outbound-buffer cap. */
    int estimatedSize() {
        if (message == null) {
            return 1 + (data == null ? 0 : data.length());
        }
        return message.isBinary() ? message.binary().length : 1 + message.text().length();
    }
}
