package dev.socketeer.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map that keeps the order its entries were given in, for request headers and query
 * parameters (Node's objects keep insertion order). Two arrays, looked up linearly: meant for the tens of
 * entries of one request, kept for a session's lifetime, where a hash map's per-entry objects would cost more.
 *
 * <p>Immutable; safe to share across threads. Keys and values are non-null.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class OrderedMap<K, V> extends AbstractMap<K, V> {
    private static final OrderedMap<?, ?> EMPTY = new OrderedMap<>(new Object[0], new Object[0]);

    private final Object[] keys;
    private final Object[] values;

    private OrderedMap(Object[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An immutable copy of {@code map} in its iteration order; {@code map} itself when it is an {@code OrderedMap}. */
    @SuppressWarnings("unchecked")
    public static <K, V> OrderedMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof OrderedMap<?, ?> ordered) {
            return (OrderedMap<K, V>) ordered;
        }
        if (map.isEmpty()) {
            return (OrderedMap<K, V>) EMPTY;
        }
        Object[] k = new Object[map.size()];
        Object[] v = new Object[k.length];
        int i = 0;
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            k[i] = Objects.requireNonNull(e.getKey(), "key");
            v[i] = Objects.requireNonNull(e.getValue(), "value");
            i++;
        }
        return new OrderedMap<>(k, v);
    }

    private int indexOf(@Nullable Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable V get(@Nullable Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<K, V> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>((K) keys[i], (V) values[i]);
                    }
                };
            }
        };
    }
}
