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
