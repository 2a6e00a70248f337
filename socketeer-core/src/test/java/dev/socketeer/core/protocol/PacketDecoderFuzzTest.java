package dev.socketeer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.Allocations;
import dev.socketeer.testkit.Fuzz;
import dev.socketeer.testkit.Mutations;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of the Socket.IO parser and binary reconstruction: random and mutated packets (with
 * their attachments, too few or too many) are refused only with {@link ParseException}, what is accepted
 * round-trips through the encoder, generated packets survive encode then decode, and decoding allocates in
 * proportion to the input. Tries per property: {@code -Dsocketeer.fuzz.tries} (see {@link Fuzz}).
 */
class PacketDecoderFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Heap allocated per input char, at most; Jackson trees cost tens of bytes per node. Measured worst: 48 to 69
     * (varies from run to run) for a payload of empty objects, {@code {},{},...}.
     */
    private static final long BYTES_PER_CHAR = 96;
    private static final long BYTES_FIXED = 64 * 1024;
    private static final String SPECIAL = "\"\\/\u0000\u001f\u2028{}[],:";
    private static final ObjectReader READER = PacketDecoder.readerFor(JsonMapper.builder().build());

    private final PacketEncoder encoder = new PacketEncoder();

    /** A wire packet: its text and the attachments that follow it. */
    record Wire(String text, List<byte[]> attachments) {
        @Override
        public String toString() {
            return Fuzz.show(text) + " + " + attachments.size() + " attachments";
        }
    }

    @Test
    void packetsAreRefusedOnlyWithParseErrorAndRoundTripWhenAccepted() {
        Fuzz.check("socket.io packet", this::mutatedWire, this::shrinkWire, wire -> {
            Packet decoded = decode(wire);
            if (decoded == null) {
                return;
            }
            EncodedPacket encoded = encoder.encode(decoded);
            assertThat(wellFormed(encoded.text())).as("encoded text is well-formed UTF-16 (survives UTF-8)").isTrue();
            // equivalent as in JavaScript: a number beyond double range decodes to Infinity, which is written as null
            assertThat(decode(new Wire(encoded.text(), encoded.attachments()))).isEqualTo(nonFiniteAsNull(decoded));
        });
    }

    @Test
    void generatedPacketsSurviveEncodeThenDecode() {
        Fuzz.check("socket.io generated packets", PacketDecoderFuzzTest::packet, packet -> {
            EncodedPacket encoded = encoder.encode(packet);
            Packet decoded = decode(new Wire(wire(encoded.text()), encoded.attachments()));
            PacketType plain = packet.type() == PacketType.BINARY_EVENT ? PacketType.EVENT
                    : packet.type() == PacketType.BINARY_ACK ? PacketType.ACK : packet.type();
            assertThat(decoded).isEqualTo(new Packet(plain, packet.namespace(), packet.data(), packet.ackId()));
        });
    }

    @Test
    void decodingAllocatesInProportionToTheInput() {
        Fuzz.check("socket.io decode allocation", this::mutatedWire, wire -> {
            decode(wire); // the first decoding of a shape grows Jackson's shared symbol tables; measure the second
            long allocated = Allocations.measure(() -> decode(wire));
            assertThat(allocated).as("bytes allocated decoding %d chars", wire.text().length())
                    .isLessThanOrEqualTo(BYTES_PER_CHAR * wire.text().length() + BYTES_FIXED);
        });
    }

    /** Deep nesting is refused by Jackson's nesting limit, never a StackOverflowError. */
    @Test
    void refusesDeepNestingWithParseError() {
        for (String open : List.of("[", "{\"a\":", "[{\"_placeholder\":true,\"num\":0},")) {
            for (String type : List.of("2[\"a\",", "51-[\"a\",", "61-1[")) {
                String text = type + open.repeat(900_000 / open.length()); // within the length limit: refused for depth
                assertThat(decode(new Wire(text, List.of(new byte[1])))).as(type + open).isNull();
            }
        }
    }

    /**
     * With an application's mapper that lifts Jackson's nesting limit, a deeply nested binary packet is still
     * decoded (or refused) without a StackOverflowError: placeholders are resolved without recursion.
     */
    @Test
    void resolvesPlaceholdersInDeepTreesWithoutRecursion() throws Exception {
        JsonMapper unlimited = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
                .streamReadConstraints(tools.jackson.core.StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .build()).build();
        int depth = 200_000;
        String text = "51-[\"a\"," + "[".repeat(depth) + "{\"_placeholder\":true,\"num\":0}" + "]".repeat(depth) + "]";
        PacketDecoder decoder = new PacketDecoder(unlimited, PacketDecoder.DEFAULT_MAX_TEXT_LENGTH);
        assertThat(decoder.decodeText(text)).isNull();
        JsonNode node = decoder.decodeBinary(new byte[] {7}).data().get(1);
        for (int i = 0; i < depth; i++) {
            node = node.get(0);
        }
        assertThat(node.binaryValue()).containsExactly(7);
    }

    /** The worst shapes of the allocation bound: many tiny containers, each a Jackson node. */
    @Test
    void manyTinyContainersStayWithinTheAllocationBound() {
        for (String unit : List.of("[],", "{},", "0,", "{\"a\":0},", "\"\",", "{\"_placeholder\":true,\"num\":0},")) {
            String text = "51-[\"a\"," + unit.repeat(900_000 / unit.length()) + "0]";
            Wire wire = new Wire(text, List.of(new byte[1]));
            decode(wire);
            long allocated = Allocations.measure(() -> decode(wire));
            System.out.printf("[fuzz] %s x %,d: %.1f bytes allocated per char%n", unit, 900_000 / unit.length(),
                    (double) allocated / text.length());
            assertThat(allocated).as(unit).isLessThanOrEqualTo(BYTES_PER_CHAR * text.length() + BYTES_FIXED);
        }
    }

    /**
     * Decodes a packet and its attachments as a connection does, stopping at the first refusal; {@code null}
     * if refused. Feeding more attachments than declared must be refused, so none is ever buffered beyond the
     * declared count (at most {@link PacketDecoder#MAX_ATTACHMENTS}).
     */
    private static @Nullable Packet decode(Wire wire) {
        PacketDecoder decoder = new PacketDecoder(READER, PacketDecoder.DEFAULT_MAX_TEXT_LENGTH);
        try {
            Packet packet = decoder.decodeText(wire.text());
            for (byte[] attachment : wire.attachments()) {
                if (packet != null) {
                    decoder.decodeBinary(attachment); // one too many: must be refused
                    throw new AssertionError("an attachment after the packet was complete was accepted");
                }
                packet = decoder.decodeBinary(attachment);
            }
            return packet;
        } catch (ParseException refused) {
            if (decoder.isReconstructing()) {
                throw new AssertionError("partial state left after a refusal", refused);
            }
            return null;
        }
    }

    private Wire mutatedWire(SplittableRandom random) {
        EncodedPacket valid = encoder.encode(packet(random));
        String text = switch (random.nextInt(6)) {
            case 0 -> Mutations.randomString(random, 96);
            case 1 -> Mutations.mutateUtf8(random, valid.text());
            case 2 -> valid.text();
            default -> Mutations.mutate(random, valid.text());
        };
        text = wire(text);
        List<byte[]> attachments = new ArrayList<>(valid.attachments());
        switch (random.nextInt(4)) {
            case 0 -> attachments.add(new byte[] {1});
            case 1 -> {
                if (!attachments.isEmpty()) attachments.remove(attachments.size() - 1);
            }
            case 2 -> {
                for (int i = random.nextInt(14); i > 0; i--) attachments.add(new byte[] {(byte) i});
            }
            default -> { }
        }
        return new Wire(text, attachments);
    }

    private List<Wire> shrinkWire(Wire wire) {
        List<Wire> out = new ArrayList<>();
        for (String text : Fuzz.shrinkString(wire.text())) {
            out.add(new Wire(text, wire.attachments()));
        }
        if (!wire.attachments().isEmpty()) {
            out.add(0, new Wire(wire.text(), wire.attachments().subList(0, wire.attachments().size() - 1)));
        }
        return out;
    }

    private static Packet nonFiniteAsNull(Packet p) {
        if (p.data() == null) {
            return p;
        }
        return new Packet(p.type(), p.namespace(), nonFiniteAsNull(p.data().deepCopy()), p.ackId());
    }

    private static JsonNode nonFiniteAsNull(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return NODES.nullNode();
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, nonFiniteAsNull(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, nonFiniteAsNull(object.get(name)));
            }
        }
        return node;
    }

    // --- generated valid packets ---------------------------------------------------------------

    /** A valid packet; binary only where the protocol carries it (EVENT and ACK arguments). */
    static Packet packet(SplittableRandom random) {
        // a namespace is what a client sent, so it came through UTF-8: well-formed
        String namespace = random.nextInt(3) == 0 ? "/" : "/" + wire(text(random, random.nextInt(10) == 0 ? 3000 : 8).replace(',', '.'));
        Integer ackId = random.nextBoolean() ? null : random.nextInt(4) == 0 ? Integer.MAX_VALUE - random.nextInt(3) : random.nextInt(1000);
        return switch (random.nextInt(6)) {
            case 0 -> new Packet(PacketType.CONNECT, namespace, random.nextBoolean() ? null : object(random, 3, false), null);
            case 1 -> new Packet(PacketType.DISCONNECT, namespace, null, null);
            case 2 -> new Packet(PacketType.CONNECT_ERROR, namespace,
                    random.nextBoolean() ? NODES.stringNode(text(random, 20)) : object(random, 3, false), null);
            case 3 -> new Packet(PacketType.ACK, namespace, array(random, 4, true), ackId == null ? 0 : ackId);
            default -> {
                ArrayNode args = array(random, 4, true);
                args.insert(0, random.nextInt(8) == 0 ? NODES.numberNode(random.nextInt(100)) : NODES.stringNode("ev" + text(random, 12)));
                yield new Packet(random.nextBoolean() ? PacketType.EVENT : PacketType.BINARY_EVENT, namespace, args, ackId);
            }
        };
    }

    private static JsonNode value(SplittableRandom random, int depth, boolean binary) {
        int kind = random.nextInt(depth <= 0 ? 7 : 10);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> {
                long l = random.nextLong();
                yield l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? NODES.numberNode((int) l) : NODES.numberNode(l);
            }
            case 4 -> NODES.numberNode(finiteDouble(random));
            case 5 -> NODES.stringNode(text(random, random.nextInt(20) == 0 ? 5000 : 16));
            case 6 -> random.nextInt(3) == 0 ? NODES.numberNode(new BigInteger(80, new java.util.Random(random.nextLong())).add(BigInteger.valueOf(Long.MAX_VALUE)))
                    : binary ? binary(random) : NODES.stringNode("no binary here");
            case 7 -> binary ? binary(random) : NODES.nullNode();
            case 8 -> array(random, depth - 1, binary);
            default -> object(random, depth - 1, binary);
        };
    }

    /** Any finite double, from subnormal to huge (JSON has no NaN or infinity). */
    private static double finiteDouble(SplittableRandom random) {
        double d;
        do {
            d = random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e6 - 5e5;
        } while (!Double.isFinite(d));
        return d;
    }

    private static JsonNode binary(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 4000 : 8)];
        random.nextBytes(bytes);
        return BinaryNode.valueOf(bytes);
    }

    private static ArrayNode array(SplittableRandom random, int depth, boolean binary) {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            array.add(value(random, depth, binary));
        }
        return array;
    }

    private static ObjectNode object(SplittableRandom random, int depth, boolean binary) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            object.set(text(random, 6), value(random, depth, binary));
        }
        return object;
    }

    /**
     * Text of up to {@code max} chars from all planes, with JSON's special characters and, rarely, a lone
     * surrogate (a Java string may hold one, e.g. cut between the halves of a pair; Node's JSON.stringify
     * escapes it as <code>&#92;udxxx</code>).
     */
    private static String text(SplittableRandom random, int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        while (sb.length() < n) {
            if (random.nextInt(50) == 0) {
                sb.append((char) (0xd800 + random.nextInt(0x800)));
                continue;
            }
            int cp = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x110000);
                case 1 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                default -> 0x20 + random.nextInt(0x5f);
            };
            if (cp < 0xd800 || cp > 0xdfff) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** What a receiver sees of {@code s}: the wire is UTF-8, so a lone surrogate arrives as {@code ?}. */
    static String wire(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Whether {@code s} has no lone surrogate, so that UTF-8 can carry it unchanged. */
    static boolean wellFormed(String s) {
        return wire(s).equals(s);
    }
}
