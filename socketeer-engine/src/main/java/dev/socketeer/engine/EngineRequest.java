package dev.socketeer.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the server saw of the HTTP request that opened an Engine.IO session (the handshake).
 *
 * <p>Immutable snapshot; safe to share across threads.
 *
 * @param url the request URI (path and query) as received
 * @param headers header names in lower case, each with its values in order
 * @param query the query parameters, each with its first value
 * @param remoteAddress the peer's address
 * @param secure whether the connection used TLS
 */
public record EngineRequest(
        String url,
        Map<String, List<String>> headers,
        Map<String, String> query,
        InetSocketAddress remoteAddress,
        boolean secure) {

    public EngineRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
