package dev.socketeer.server.common;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bridges blocking work (JDBC, BCrypt) into Reactor: the call runs on {@link Schedulers#boundedElastic()},
 * never on a Netty event loop. Stateless; safe from any thread.
 */
public final class Blocking {

    private Blocking() {}

    /** A Mono that runs {@code call} on the bounded elastic scheduler when subscribed; {@code null} means empty. */
    public static <T> Mono<T> call(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
