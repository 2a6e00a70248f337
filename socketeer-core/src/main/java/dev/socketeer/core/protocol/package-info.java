/**
 * The Socket.IO protocol 5 codec, Node's {@code socket.io-parser}: {@link dev.socketeer.core.protocol.Packet}s,
 * their text and binary encodings ({@link dev.socketeer.core.protocol.PacketEncoder},
 * {@link dev.socketeer.core.protocol.PacketDecoder}, binary attachments as placeholders), and the JSON
 * mapping of payloads ({@link dev.socketeer.core.protocol.PayloadMapper}). Bad input is a
 * {@link dev.socketeer.core.protocol.ParseException} with the exact reason.
 *
 * <p>Threading: packets, encoders and mappers are immutable and thread safe; a
 * {@code PacketDecoder} holds the state of one connection's binary packet and is confined to it.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.core.protocol;

import org.jspecify.annotations.NullMarked;
