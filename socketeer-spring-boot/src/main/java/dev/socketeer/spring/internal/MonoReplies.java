package dev.socketeer.spring.internal;

import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** The {@code Mono} part of {@link Replies}; loaded only when Reactor is present. */
final class MonoReplies {
    private MonoReplies() {
    }

    static boolean isMono(Object result) {
        return result instanceof Mono<?>;
    }

    /** Subscribes (never blocks): the value (or null when empty) or the error is passed on once. */
    static void answer(Object mono, Consumer<Object> onValue, Consumer<Throwable> onError) {
        ((Mono<?>) mono).map(java.util.Optional::<Object>of)
                .defaultIfEmpty(java.util.Optional.empty())
                .subscribe(value -> onValue.accept(value.orElse(null)), onError::accept);
    }
}
