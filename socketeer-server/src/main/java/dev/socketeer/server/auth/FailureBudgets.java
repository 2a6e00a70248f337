package dev.socketeer.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (an account or a client address): {@code capacity} tokens, refilled continuously at
 * {@code capacity} per {@code window}; a login attempt takes one, a successful one gives it back. At most
 * {@code maxKeys} buckets are kept: a new key evicts the least recently used one (usually long refilled; an
 * attacker failing on more than {@code maxKeys} keys within a window can make it forget a spent budget, at the
 * price of that many failures, each counted against the attacker's own address).
 *
 * <p>Threading: thread safe (one lock; the work under it is a little arithmetic).
 */
final class FailureBudgets {

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final int capacity;
    private final double tokensPerNano;
    private final LinkedHashMap<String, Bucket> buckets;

    FailureBudgets(int capacity, Duration window, int maxKeys) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) window.toNanos();
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes a token for {@code key}: 0 when there was one, else how many nanoseconds until there is. */
    synchronized long take(String key, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            buckets.put(key, new Bucket(capacity - 1, now));
            return 0;
        }
        refill(bucket, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return nanosUntilToken(bucket);
    }

    /** How many nanoseconds until {@code key} has a token (0: it has one now); takes nothing. */
    synchronized long waitNanos(String key, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) return 0;
        refill(bucket, now);
        return bucket.tokens >= 1 ? 0 : nanosUntilToken(bucket);
    }

    /** Returns a token taken for an attempt that did not fail. */
    synchronized void giveBack(String key, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            refill(bucket, now);
            bucket.tokens = Math.min(capacity, bucket.tokens + 1);
        }
    }

    synchronized int size() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedNanos) * tokensPerNano);
        bucket.updatedNanos = now;
    }

    private long nanosUntilToken(Bucket bucket) {
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano));
    }
}
