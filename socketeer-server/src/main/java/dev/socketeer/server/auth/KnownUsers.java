package dev.socketeer.server.auth;

import dev.socketeer.server.common.Blocking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether the user a token names still exists: the user with the token's id ({@code uid}) and name
 * ({@code sub}), or by name alone for a token without an id. Answers are remembered for
 * {@code socketeer.server.auth.user-cache-ttl} in a bounded map (the least recently used go first), so a
 * busy client costs one query per TTL. Nothing invalidates an entry early: users are never deleted through
 * the API, and a deletion made in the database directly takes effect within the TTL.
 *
 * <p>Threading: thread safe; the database is asked on the bounded elastic scheduler, never on an event loop.
 */
@Component
final class KnownUsers {

    static final int MAX_ENTRIES = 10_000;

    private record Key(Long id, String username) {}

    private record Answer(boolean exists, long expiresAtNanos) {}

    private final UserRepository users;
    private final long ttlNanos;
    private final Map<Key, Answer> answers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Answer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    KnownUsers(UserRepository users, AuthProperties properties) {
        this.users = users;
        this.ttlNanos = properties.userCacheTtl().toNanos();
    }

    /** Whether user {@code id} (null: any id) named {@code username} exists; may complete on another thread. */
    Mono<Boolean> exists(Long id, String username) {
        if (username == null) return Mono.just(false);
        Key key = new Key(id, username);
        Boolean cached = cached(key);
        if (cached != null) return Mono.just(cached);
        return Blocking.call(() -> {
            boolean exists = id != null ? users.existsByIdAndUsername(id, username) : users.existsByUsername(username);
            remember(key, exists);
            return exists;
        });
    }

    private synchronized Boolean cached(Key key) {
        Answer answer = answers.get(key);
        if (answer == null) return null;
        if (System.nanoTime() - answer.expiresAtNanos() >= 0) {
            answers.remove(key);
            return null;
        }
        return answer.exists();
    }

    private synchronized void remember(Key key, boolean exists) {
        if (ttlNanos > 0) answers.put(key, new Answer(exists, System.nanoTime() + ttlNanos));
    }
}
