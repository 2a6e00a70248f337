package dev.socketeer.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The wire a bench client speaks. Both carry the same contract as JSON arrays {@code [event, ...]};
 * Socket.IO wraps them in Engine.IO / Socket.IO framing ({@code 42[...]}, acks {@code 43<id>[...]}),
 * the plain ceiling protocol sends the bare arrays over websocket ({@code ["echo",id,...]} answered by
 * {@code ["ack",id,...]}). Stateless.
 */
public enum Dialect {
    /** Socket.IO 5 over Engine.IO 4 on {@code /socket.io/}. */
    SOCKET_IO,
    /** The plain websocket ceiling protocol on {@code /ws}: no Engine.IO or Socket.IO framing. */
    PLAIN;

    /** The frame asking to join {@code room}. */
    public String join(String room) {
        return prefix() + "[\"joinRoom\",{\"room\":\"" + room + "\"}]";
    }

    /**
     * The frame publishing {@code timestamp} to {@code room}. The timestamp travels as a decimal string: the
     * contract's {@code message} is a string (the Spring server's event hub validates it as one, like seed
     * 001's DTOs), and the parsers below read it with or without quotes.
     */
    public String publish(String room, long timestamp) {
        return prefix() + "[\"roomMessage\",{\"room\":\"" + room + "\",\"message\":\"" + timestamp + "\"}]";
    }

    /** The frame asking the server to echo {@code timestamp} back in an ack with {@code id}. */
    public String echo(int id, long timestamp) {
        return this == SOCKET_IO ? "42" + id + "[\"echo\"," + timestamp + "]" : "[\"echo\"," + id + "," + timestamp + "]";
    }

    private String prefix() {
        return this == SOCKET_IO ? "42" : "";
    }

    /** Reads the number that follows {@code from} in {@code text}, or -1. */
    static long numberAt(String text, int from) {
        long value = 0;
        int i = from;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        return i == from ? -1 : value;
    }

    private static final byte[] ROOM_MESSAGE = "[\"roomMessage\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_KEY = "\"message\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The timestamp of a {@code roomMessage} event whose JSON array starts at {@code start} of
     * {@code frame} (after {@code 42} for Socket.IO; an event packet, not an ack), or -1 if the frame is
     * something else. Reads the bytes in place; does not move the reader index.
     */
    static long roomMessageStamp(ByteBuf frame, int start) {
        int from = frame.readerIndex();
        int to = frame.writerIndex();
        if (start == 2 && (to - from < 2 || frame.getByte(from) != '4' || frame.getByte(from + 1) != '2')) {
            return -1;
        }
        if (!matches(frame, from + start, ROOM_MESSAGE)) {
            return -1;
        }
        for (int i = from + start + ROOM_MESSAGE.length; i + MESSAGE_KEY.length <= to; i++) {
            if (frame.getByte(i) == '"' && matches(frame, i, MESSAGE_KEY)) {
                long value = 0;
                int j = i + MESSAGE_KEY.length;
                if (j < to && frame.getByte(j) == '"') {
                    j++; // a string holding the number
                }
                int digits = j;
                for (byte b; j < to && (b = frame.getByte(j)) >= '0' && b <= '9'; j++) {
                    value = value * 10 + (b - '0');
                }
                return j == digits ? -1 : value;
            }
        }
        return -1;
    }

    private static boolean matches(ByteBuf frame, int at, byte[] expected) {
        if (at + expected.length > frame.writerIndex()) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (frame.getByte(at + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Dispatches one contract-level message (the JSON array, Socket.IO prefix already removed for
     * events) to {@code listener}.
     */
    static void dispatchEvent(String text, int start, BenchConnection connection, BenchConnection.Listener listener) {
        if (text.startsWith("[\"roomMessage\"", start)) {
            int at = text.indexOf("\"message\":", start);
            int value = at < 0 ? -1 : at + 10;
            if (value > 0 && value < text.length() && text.charAt(value) == '"') {
                value++; // a string holding the number
            }
            listener.onRoomMessage(connection, value < 0 ? -1 : numberAt(text, value));
        } else if (text.startsWith("[\"roomJoined\"", start)) {
            listener.onJoined(connection);
        } else if (text.startsWith("[\"ack\",", start)) {
            int comma = text.indexOf(',', start + 7);
            listener.onAck(connection, comma < 0 ? -1 : numberAt(text, comma + 1));
        }
    }
}
