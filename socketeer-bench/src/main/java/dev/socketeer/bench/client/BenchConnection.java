package dev.socketeer.bench.client;

/**
 * One load-generator connection to a server under test.
 *
 * <p>Lifecycle: created connecting; {@link Listener#onConnected} once the server accepted it (Socket.IO
 * CONNECT answered, or the plain websocket open); {@link Listener#onClosed} exactly once.
 *
 * <p>Threading: not thread safe; every method and callback runs on the generator's event loop.
 */
public interface BenchConnection {

    /** Sends one contract frame (see {@link Dialect}); queued while not yet connected. */
    void send(String frame);

    /** Closes the connection; {@link Listener#onClosed} then reports {@code expected = true}. */
    void close();

    /** Whether the connection is connected and not closed. */
    boolean isConnected();

    /**
     * Whether a send now would leave without queuing in the generator: false while the server is not
     * reading fast enough (the websocket's outbound buffer is past Netty's high-water mark).
     */
    default boolean isWritable() {
        return true;
    }

    /** Receives what happens on a connection, on the event loop. */
    interface Listener {
        default void onConnected(BenchConnection connection) {
        }

        default void onJoined(BenchConnection connection) {
        }

        /** A {@code roomMessage} arrived carrying the publisher's timestamp (or -1). */
        default void onRoomMessage(BenchConnection connection, long timestamp) {
        }

        /** An echo ack arrived carrying the request's timestamp (or -1). */
        default void onAck(BenchConnection connection, long timestamp) {
        }

        /** The connection ended; {@code expected} when {@link #close()} asked for it. */
        default void onClosed(BenchConnection connection, boolean expected, String reason) {
        }
    }
}
