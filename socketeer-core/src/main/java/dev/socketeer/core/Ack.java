package dev.socketeer.core;

import org.jspecify.annotations.Nullable;

/**
 * Answers an event the client emitted with an acknowledgement callback, like the function Node
 * passes as the last listener argument.
 *
 * <p>Only the first {@link #send} reaches the client; later calls are ignored. When the client did
 * not ask for an acknowledgement the listener gets {@link #NONE}, whose {@code send} does nothing.
 *
 * <p>Threading: thread safe; may be answered later, from any thread.
 */
public interface Ack {

    /** The acknowledgement of an event that did not ask for one. */
    Ack NONE = new Ack() {
        @Override
        public void send(@Nullable Object... args) {
        }

        @Override
        public boolean requested() {
            return false;
        }
    };

    /** Sends the acknowledgement with these arguments (converted to JSON; byte arrays become binary). */
    void send(@Nullable Object... args);

    /** Whether the client asked for an acknowledgement. */
    boolean requested();
}
