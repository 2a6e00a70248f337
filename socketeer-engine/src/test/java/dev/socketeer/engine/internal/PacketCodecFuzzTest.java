package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.testkit.Allocations;
import dev.socketeer.testkit.Fuzz;
import dev.socketeer.testkit.Mutations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the Engine.IO text packet and polling payload decoders: random and mutated
 * inputs are refused only with {@link EngineParseException}, what is accepted round-trips, and decoding
 * allocates in proportion to the input. Tries per property: {@code -Dsocketeer.fuzz.tries} (see {@link Fuzz}).
 */
class PacketCodecFuzzTest {
    /**
     * Heap allocated per input char, at most. The measured worst is about 39, a payload of one-char messages
     * ({@code 4a\x1e4a...}: each is a String, an EngineMessage and a packet, as in Node); a payload of packets
     * without data costs about 8 (they are shared constants; before they were, about 60).
     */
    private static final long BYTES_PER_CHAR = 48;
    private static final long BYTES_FIXED = 64 * 1024;
    private static final List<EnginePacketType> CONTROL_TYPES = List.of(EnginePacketType.OPEN, EnginePacketType.CLOSE,
            EnginePacketType.PING, EnginePacketType.PONG, EnginePacketType.UPGRADE, EnginePacketType.NOOP);

    @Test
    void textPacketsAreRefusedOnlyWithParseErrorAndRoundTripExactlyWhenAccepted() {
        Fuzz.check("engine text packet", PacketCodecFuzzTest::textPacketInput, Fuzz::shrinkString, input -> {
            EnginePacket packet;
            try {
                packet = PacketCodec.decodeText(input);
            } catch (EngineParseException refused) {
                return;
            }
            String encoded = packet.message() != null ? "4" + packet.message().text() : PacketCodec.encodeControl(packet);
            assertThat(encoded).isEqualTo(input);
        });
    }

    @Test
    void payloadsAreRefusedOnlyWithParseErrorAndRoundTripWhenAccepted() {
        Fuzz.check("engine polling payload", PacketCodecFuzzTest::payloadInput, Fuzz::shrinkString, input -> {
            List<EnginePacket> packets;
            try {
                packets = PacketCodec.decodePayload(input);
            } catch (EngineParseException refused) {
                packets = refused.decodedBefore();
                if (packets.isEmpty()) {
                    return;
                }
            }
            // equivalent, not equal: base64 may lose its padding or line breaks, and is re-encoded canonically
            String encoded = new String(PacketCodec.encodePayload(packets), StandardCharsets.UTF_8);
            assertThat(describe(PacketCodec.decodePayload(encoded))).isEqualTo(describe(packets));
        });
    }

    @Test
    void generatedPacketsRoundTripThroughAPayload() {
        Fuzz.check("engine generated packets", PacketCodecFuzzTest::packets, packets -> {
            String encoded = new String(PacketCodec.encodePayload(packets), StandardCharsets.UTF_8);
            assertThat(describe(PacketCodec.decodePayload(encoded))).isEqualTo(describe(packets));
        });
    }

    @Test
    void decodingAllocatesInProportionToTheInput() {
        Fuzz.check("engine decode allocation", PacketCodecFuzzTest::payloadInput, input -> {
            long allocated = Allocations.measure(() -> PacketCodec.decodePayload(input));
            assertThat(allocated).as("bytes allocated decoding %d chars", input.length())
                    .isLessThanOrEqualTo(BYTES_PER_CHAR * input.length() + BYTES_FIXED);
        });
    }

    /** Regression: a 1 MB payload of empty messages and pings allocated 60 MB; packets without data are shared now. */
    @Test
    void aPayloadOfPacketsWithoutDataAllocatesLittleMoreThanItsText() throws Exception {
        String input = "4\u001e2\u001e".repeat(250_000) + "6";
        PacketCodec.decodePayload(input); // warm up
        long allocated = Allocations.measure(() -> PacketCodec.decodePayload(input));
        assertThat(allocated).isLessThanOrEqualTo(12L * input.length());
    }

    /** The worst case of the bound above, as a fixed example: a payload of one-char messages. */
    @Test
    void aPayloadOfOneCharMessagesStaysWithinTheAllocationBound() throws Exception {
        String input = "4a\u001e".repeat(333_333) + "4a";
        PacketCodec.decodePayload(input); // warm up
        long allocated = Allocations.measure(() -> PacketCodec.decodePayload(input));
        assertThat(allocated).isLessThanOrEqualTo(BYTES_PER_CHAR * input.length() + BYTES_FIXED);
    }

    /** What a receiver can see: the wire is UTF-8, so a malformed sequence arrives as U+FFFD, never as a lone surrogate. */
    private static String wire(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String textPacketInput(SplittableRandom random) {
        return wire(switch (random.nextInt(4)) {
            case 0 -> Mutations.randomString(random, 64);
            case 1 -> Mutations.mutateUtf8(random, encodeOne(packet(random)));
            default -> Mutations.mutate(random, encodeOne(packet(random)));
        });
    }

    private static String payloadInput(SplittableRandom random) {
        String valid = new String(PacketCodec.encodePayload(packets(random)), StandardCharsets.UTF_8);
        return wire(switch (random.nextInt(5)) {
            case 0 -> Mutations.randomString(random, 128);
            case 1 -> Mutations.mutateUtf8(random, valid);
            case 2 -> valid;
            default -> Mutations.mutate(random, valid);
        });
    }

    private static String encodeOne(EnginePacket p) {
        return new String(PacketCodec.encodePayload(List.of(p)), StandardCharsets.UTF_8);
    }

    static List<EnginePacket> packets(SplittableRandom random) {
        int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 200 : 5);
        List<EnginePacket> packets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            packets.add(packet(random));
        }
        return packets;
    }

    /** A valid packet as a client or server sends it; texts never hold the payload separator. */
    static EnginePacket packet(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> EnginePacket.message(EngineMessage.text(text(random)));
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 5000 : 20)];
                random.nextBytes(bytes);
                yield EnginePacket.message(EngineMessage.binary(bytes));
            }
            case 2 -> EnginePacket.control(CONTROL_TYPES.get(random.nextInt(CONTROL_TYPES.size())), null);
            case 3 -> EnginePacket.control(random.nextBoolean() ? EnginePacketType.PING : EnginePacketType.PONG, "probe");
            case 4 -> EnginePacket.control(EnginePacketType.OPEN, "{\"sid\":\"" + text(random) + "\",\"pingInterval\":25000}");
            default -> EnginePacket.message(EngineMessage.text("2[\"event\",{\"x\":" + random.nextInt() + "}]"));
        };
    }

    /** Any well-formed UTF-16 text except the separator (which a text message cannot carry on polling, as in Node). */
    private static String text(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(random.nextInt(10) == 0 ? 2000 : 12);
        while (sb.length() < n) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x80);
            if (cp != PacketCodec.SEPARATOR && (cp < 0xd800 || cp > 0xdfff)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** A packet list as comparable text (EngineMessage has identity equality). */
    private static List<String> describe(List<EnginePacket> packets) {
        List<String> out = new ArrayList<>(packets.size());
        for (EnginePacket p : packets) {
            EngineMessage m = p.message();
            out.add(m == null ? p.type() + ":" + p.data()
                    : m.isBinary() ? "binary:" + Base64.getEncoder().encodeToString(m.binary()) : "text:" + m.text());
        }
        return out;
    }
}
