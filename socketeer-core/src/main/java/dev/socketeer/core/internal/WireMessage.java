package dev.socketeer.core.internal;

/** Messages sent to clients, worded exactly as Node's socket.io does. Immutable. */
enum WireMessage {
    /** CONNECT_ERROR for a namespace that does not exist and no dynamic namespace accepts. */
    INVALID_NAMESPACE("Invalid namespace");

    private final String text;

    WireMessage(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }
}
