package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO protocol 4 packets and polling payloads. Stateless; thread safe.
 */
final class PacketCodec {
    static final char SEPARATOR = '\u001e';

    private PacketCodec() {
    }

    /** Decodes one text packet ({@code "4hello"}, {@code "2probe"}). */
    static EnginePacket decodeText(String s) throws EngineParseException {
        return decodeText(s, 0, s.length());
    }

    /**
     * Decodes the packet {@code s[start, end)}. A packet without data is a shared constant and the data of
     * one with data is its only copy: a payload of many tiny packets costs little more than its text.
     */
    private static EnginePacket decodeText(String s, int start, int end) throws EngineParseException {
        if (start == end) {
            throw new EngineParseException("empty packet");
        }
        EnginePacketType type = EnginePacketType.fromChar(s.charAt(start));
        if (type == null) {
            throw new EngineParseException("unknown packet type '" + s.charAt(start) + "'");
        }
        if (end - start == 1) {
            return EnginePacket.withoutData(type);
        }
        String data = start == 0 && end == s.length() ? s.substring(1) : s.substring(start + 1, end);
        if (type == EnginePacketType.MESSAGE) {
            return EnginePacket.message(EngineMessage.text(data));
        }
        return EnginePacket.control(type, data);
    }

    /**
     * Decodes a polling payload: packets separated by {@code \x1e}, binary ones as {@code b<base64>}.
     * An invalid packet ends decoding; the exception carries the packets before it.
     */
    static List<EnginePacket> decodePayload(String body) throws EngineParseException {
        List<EnginePacket> packets = new ArrayList<>(2);
        int start = 0;
        while (true) {
            int found = body.indexOf(SEPARATOR, start);
            int end = found < 0 ? body.length() : found;
            try {
                packets.add(decodePayloadPart(body, start, end));
            } catch (EngineParseException e) {
                throw new EngineParseException(e.getMessage(), packets);
            }
            if (found < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    private static EnginePacket decodePayloadPart(String body, int start, int end) throws EngineParseException {
        if (start < end && body.charAt(start) == 'b') {
            try {
                String base64 = body.substring(start + 1, end);
                // line breaks are skipped, as Node's Buffer.from(data, "base64") does: the Java client sends them
                if (base64.indexOf('\n') >= 0 || base64.indexOf('\r') >= 0) {
                    base64 = base64.replace("\n", "").replace("\r", "");
                }
                return EnginePacket.message(EngineMessage.binary(Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new EngineParseException("invalid base64 binary packet");
            }
        }
        return decodeText(body, start, end);
    }

    /** Encodes packets as a polling payload (UTF-8 bytes). */
    static byte[] encodePayload(List<EnginePacket> packets) {
        if (packets.size() == 1) {
            EnginePacket p = packets.get(0);
            if (p.message() != null && !p.message().isBinary()) {
                return MessageFrames.textPacket(p.message());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            appendPacket(sb, packets.get(i));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendPacket(StringBuilder sb, EnginePacket p) {
        EngineMessage m = p.message();
        if (m == null) {
            sb.append(p.type().code);
            if (p.data() != null) {
                sb.append(p.data());
            }
        } else if (m.isBinary()) {
            sb.append('b').append(Base64.getEncoder().encodeToString(m.binary()));
        } else {
            sb.append('4').append(m.text());
        }
    }

    /** The text of a control packet as sent in a websocket text frame. */
    static String encodeControl(EnginePacket p) {
        return p.data() == null ? String.valueOf(p.type().code) : p.type().code + p.data();
    }
}
