package dev.socketeer.core.protocol;

import dev.socketeer.engine.EngineMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet encoded for the wire: the text part and, for binary packets, the attachments that follow
 * it in order. Encoded once, it can be sent to any number of sessions.
 *
 * <p>Immutable; safe to share across threads.
 *
 * @param text the encoded text packet, e.g. {@code 2/chat,1["msg",{}]}
 * @param attachments the binary attachments (possibly empty); arrays must not be modified
 */
public record EncodedPacket(String text, List<byte[]> attachments) {

    public EncodedPacket {
        attachments = List.copyOf(attachments);
    }

    /** The Engine.IO messages to send, text first then each attachment; built once per call. */
    public List<EngineMessage> toEngineMessages() {
        if (attachments.isEmpty()) {
            return List.of(EngineMessage.text(text));
        }
        List<EngineMessage> messages = new ArrayList<>(attachments.size() + 1);
        messages.add(EngineMessage.text(text));
        for (byte[] attachment : attachments) {
            messages.add(EngineMessage.binary(attachment));
        }
        return List.copyOf(messages);
    }
}
