package dev.socketeer.core;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An acknowledgement did not arrive within the emitter's timeout. The message is Node's:
 * {@code "operation has timed out"}. For a broadcast, {@link #responses()} holds the acknowledgements
 * received before the timeout (Node's {@code err.responses}).
 *
 * <p>Immutable; safe to share across threads.
 */
public final class AckTimeoutException extends RuntimeException {
    /** The message, as Node words it. */
    public static final String MESSAGE = "operation has timed out";

    private final List<JsonNode> responses;

    public AckTimeoutException(List<JsonNode> responses) {
        super(MESSAGE, null, false, false);
        this.responses = List.copyOf(responses);
    }

    /** The responses received before the timeout (empty for a single socket). */
    public List<JsonNode> responses() {
        return responses;
    }
}
