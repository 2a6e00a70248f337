package dev.socketeer.core.internal;

/** Messages sent to clients, worded exactly as Node's socket.io does where Node has them. Immutable. */
enum WireMessage {
    /** CONNECT_ERROR for a namespace that does not exist and no dynamic namespace accepts. */
    INVALID_NAMESPACE("Invalid namespace"),
    /**
     * CONNECT_ERROR for a client already in {@code maxNamespacesPerClient} namespaces, or a CONNECT that would
     * create a child namespace beyond {@code maxChildNamespaces} (not in Node).
     */
    TOO_MANY_NAMESPACES("too many namespaces");

    private final String text;

    WireMessage(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }
}
