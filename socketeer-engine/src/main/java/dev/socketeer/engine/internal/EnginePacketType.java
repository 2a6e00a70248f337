package dev.socketeer.engine.internal;

/** Engine.IO protocol 4 packet types with their wire characters. */
enum EnginePacketType {
    OPEN('0'),
    CLOSE('1'),
    PING('2'),
    PONG('3'),
    MESSAGE('4'),
    UPGRADE('5'),
    NOOP('6');

    private static final EnginePacketType[] BY_CHAR = values();

    final char code;

    EnginePacketType(char code) {
        this.code = code;
    }

    static EnginePacketType fromChar(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_CHAR.length ? BY_CHAR[i] : null;
    }
}
