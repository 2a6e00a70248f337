package dev.socketeer.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes the Socket.IO packets of one connection, validating them more strictly than
 * socket.io-parser 4.2: every violation is a {@link ParseException} with an exact message, and no
 * other exception escapes for any input.
 *
 * <p>A BINARY_EVENT / BINARY_ACK text packet is held until its attachments have arrived through
 * {@link #decodeBinary}; the completed packet has its placeholders replaced by
 * {@link tools.jackson.databind.node.BinaryNode}s and, as in Node, type EVENT / ACK. A decoder that
 * threw is left without partial state and may keep decoding, though the connection is normally
 * closed.
 *
 * <p>This class is not thread safe: use one instance per connection, from one thread at a time.
 */
public final class PacketDecoder {
    /** The default cap on the length of a text packet, in chars. */
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1_000_000;
    /** The most attachments a binary packet may declare. */
    public static final int MAX_ATTACHMENTS = 10;

    private final ObjectReader reader;
    private final int maxTextLength;

    private Packet pending;
    private int expectedAttachments;
    private List<byte[]> attachments; // created by the first binary packet

    /** A decoder using a default {@link JsonMapper} and {@link #DEFAULT_MAX_TEXT_LENGTH}. */
    public PacketDecoder() {
        this(JsonMapper.builder().build(), DEFAULT_MAX_TEXT_LENGTH);
    }

    /**
     * A decoder parsing payloads with {@code mapper} and rejecting text packets longer than
     * {@code maxTextLength} chars.
     */
    public PacketDecoder(JsonMapper mapper, int maxTextLength) {
        this(readerFor(mapper), maxTextLength);
    }

    /**
     * A decoder parsing payloads with {@code reader} (see {@link #readerFor}) and rejecting text packets
     * longer than {@code maxTextLength} chars. Readers are immutable: decoders of many connections can share
     * one instead of each deriving its own from the mapper.
     */
    public PacketDecoder(ObjectReader reader, int maxTextLength) {
        // a no-op (the same reader) when it came from readerFor
        this.reader = Objects.requireNonNull(reader, "reader").with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be positive: " + maxTextLength);
        }
        this.maxTextLength = maxTextLength;
    }

    /** The reader a decoder uses for {@code mapper}: strict about trailing tokens. Shareable across decoders. */
    public static ObjectReader readerFor(JsonMapper mapper) {
        return Objects.requireNonNull(mapper, "mapper").reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Whether a binary packet is waiting for attachments. */
    public boolean isReconstructing() {
        return pending != null;
    }

    /**
     * Decodes one text packet.
     *
     * @return the packet, or {@code null} if it is a binary packet now waiting for attachments
     * @throws ParseException if the packet is invalid, or attachments were expected instead
     */
    public @Nullable Packet decodeText(String text) throws ParseException {
        Objects.requireNonNull(text, "text");
        if (pending != null) {
            reset();
            throw new ParseException("got plaintext data when reconstructing a packet");
        }
        TextPacketParser.Result parsed = TextPacketParser.parse(text, maxTextLength, reader);
        Packet packet = parsed.packet();
        if (!packet.type().isBinary()) {
            return packet;
        }
        int count = parsed.attachments();
        // placeholders are checked now so that a bad packet fails before its attachments are buffered
        JsonNode data = BinaryPlaceholders.resolve(packet.data(), count, null);
        PacketType plain = packet.type() == PacketType.BINARY_EVENT ? PacketType.EVENT : PacketType.ACK;
        Packet reconstructing = new Packet(plain, packet.namespace(), data, packet.ackId());
        if (count == 0) {
            return reconstructing;
        }
        pending = reconstructing;
        expectedAttachments = count;
        return null;
    }

    /**
     * Feeds one attachment of the pending binary packet; the array is kept, not copied.
     *
     * @return the completed packet once its last attachment arrived, else {@code null}
     * @throws ParseException if no binary packet is waiting for attachments
     */
    public @Nullable Packet decodeBinary(byte[] data) throws ParseException {
        Objects.requireNonNull(data, "data");
        if (pending == null) {
            throw new ParseException("got binary data when not reconstructing a packet");
        }
        if (attachments == null) {
            attachments = new ArrayList<>(expectedAttachments);
        }
        attachments.add(data);
        if (attachments.size() < expectedAttachments) {
            return null;
        }
        Packet packet = pending;
        try {
            JsonNode resolved = BinaryPlaceholders.resolve(packet.data(), expectedAttachments, attachments);
            return new Packet(packet.type(), packet.namespace(), resolved, packet.ackId());
        } finally {
            reset();
        }
    }

    /** Drops a partially received binary packet, if any. */
    public void reset() {
        pending = null;
        expectedAttachments = 0;
        attachments = null;
    }
}
