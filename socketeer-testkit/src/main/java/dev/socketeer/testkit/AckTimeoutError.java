package dev.socketeer.testkit;

/**
 * The real client reported {@code operation has timed out} for an emit with acknowledgement: the
 * server did not ack within the timeout given to {@link NodeClient#emitWithAck}. An assertion
 * failure by default; tests that expect the timeout catch it ({@code assertThrows}).
 */
public final class AckTimeoutError extends AssertionError {

    public AckTimeoutError(String message) {
        super(message);
    }
}
