package dev.socketeer.engine;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the server saw of the HTTP request that opened an Engine.IO session (the handshake).
 *
 * <p>Headers and query parameters keep the order they arrived in. {@link #headers()} has the shape of
 * Node's {@code IncomingMessage.headers}; {@link #headerValues()} has every value as received.
 *
 * <p>Immutable snapshot; safe to share across threads.
 *
 * @param url the request URI (path and query) as received
 * @param headerValues header names in lower case, in arrival order, each with all its values in order
 * @param queryValues the query parameters in order, each with all its values in order ({@code ?a=1&a=2})
 * @param remoteAddress the peer's address
 * @param secure whether the connection used TLS
 */
public record EngineRequest(
        String url,
        Map<String, List<String>> headerValues,
        Map<String, List<String>> queryValues,
        @Nullable InetSocketAddress remoteAddress,
        boolean secure) {

    /** Headers of which Node keeps only the first when a request repeats them ({@code message.headers}). */
    private static final Set<String> SINGLE_VALUED = Set.of("age", "authorization", "content-length", "content-type",
            "etag", "expires", "from", "host", "if-modified-since", "if-unmodified-since", "last-modified", "location",
            "max-forwards", "proxy-authorization", "referer", "retry-after", "server", "user-agent");

    public EngineRequest {
        headerValues = lists(headerValues);
        queryValues = lists(queryValues);
    }

    private static Map<String, List<String>> lists(Map<String, List<String>> map) {
        if (map instanceof OrderedMap<String, List<String>> ordered) {
            return ordered; // immutable, lists included (built by copyOf below)
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return OrderedMap.copyOf(copy);
    }

    /**
     * The headers as Node's {@code IncomingMessage.headers} has them: lower-case names in arrival order, a
     * repeated header's values joined with {@code ", "} ({@code cookie} with {@code "; "}), and only the first
     * value of those Node keeps once ({@code host}, {@code content-type}, {@code user-agent}, {@code authorization}…).
     * {@code set-cookie}, an array in Node, is joined with {@code ", "}: its values are in {@link #headerValues()}.
     * Computed on each call.
     */
    public Map<String, String> headers() {
        return nodeHeaders(headerValues);
    }

    /** The query parameters in order, each with its first value (Node gives an array for a repeated one). Computed on each call. */
    public Map<String, String> query() {
        return firstValues(queryValues);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public @Nullable String header(String name) {
        List<String> values = headerValues.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code headerValues} in the shape of Node's {@code IncomingMessage.headers} (see {@link #headers()}). */
    public static Map<String, String> nodeHeaders(Map<String, List<String>> headerValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        headerValues.forEach((name, values) -> {
            if (values.isEmpty()) {
                return;
            }
            if (values.size() == 1 || SINGLE_VALUED.contains(name)) {
                headers.put(name, values.get(0));
            } else {
                headers.put(name, String.join("cookie".equals(name) ? "; " : ", ", values));
            }
        });
        return OrderedMap.copyOf(headers);
    }

    /** Each key of {@code values} with its first value, in order. */
    public static Map<String, String> firstValues(Map<String, List<String>> values) {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
        return OrderedMap.copyOf(first);
    }
}
