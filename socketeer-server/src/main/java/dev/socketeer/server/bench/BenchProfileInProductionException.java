package dev.socketeer.server.bench;

/** Startup refused: the {@code bench} and {@code prod} profiles are both active. */
final class BenchProfileInProductionException extends IllegalStateException {

    static final String MESSAGE = "The bench profile serves an unauthenticated Socket.IO contract for benchmarks"
            + " and must not run together with the prod profile (active profiles include both bench and prod)";

    BenchProfileInProductionException() {
        super(MESSAGE);
    }
}
