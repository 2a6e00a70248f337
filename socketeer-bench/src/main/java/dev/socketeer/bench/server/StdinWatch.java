package dev.socketeer.bench.server;

import java.io.IOException;

/** Ends a benchmark server process when its parent goes away (its stdin closes). */
final class StdinWatch {
    private StdinWatch() {
    }

    /** Blocks until stdin reaches end of file, runs {@code onClose}, then exits the JVM. */
    static void exitWhenClosed(Runnable onClose) {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, which is the signal we wait for
        }
        try {
            onClose.run();
        } finally {
            System.exit(0);
        }
    }
}
