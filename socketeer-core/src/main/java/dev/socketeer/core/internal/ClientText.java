package dev.socketeer.core.internal;

/**
 * Client-chosen strings (namespace names of dynamic children and refused CONNECTs) as log lines show them:
 * at most {@value #MAX} characters and how many were cut, so a client cannot write megabytes into the log.
 * Stateless.
 */
final class ClientText {
    static final int MAX = 120;

    private ClientText() {}

    static String forLog(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        return text.substring(0, MAX) + "...(" + (text.length() - MAX) + " more characters)";
    }
}
