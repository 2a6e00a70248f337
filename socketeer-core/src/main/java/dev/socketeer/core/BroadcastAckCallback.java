package dev.socketeer.core;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Receives the acknowledgements of a broadcast: one value (the first ack argument) per client.
 *
 * <p>Called once: with {@code error == null} when every targeted client answered, or with an
 * {@link AckTimeoutException} and the responses collected so far.
 *
 * <p>Threading: runs on the handler executor.
 */
@FunctionalInterface
public interface BroadcastAckCallback {
    void onAcks(@Nullable Throwable error, List<JsonNode> responses);
}
