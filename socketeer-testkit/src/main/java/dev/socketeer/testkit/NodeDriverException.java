package dev.socketeer.testkit;

/**
 * A driver command failed: the Node driver answered {@code ok:false}, did not answer in time, or is
 * gone. The message is the driver's error text (for example {@code unknown client 7}).
 */
public class NodeDriverException extends RuntimeException {

    public NodeDriverException(String message) {
        super(message);
    }

    public NodeDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
