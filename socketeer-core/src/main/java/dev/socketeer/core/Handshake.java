package dev.socketeer.core;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The details of the connection a socket was created from, Node's {@code socket.handshake}.
 *
 * <p>Immutable (the {@code auth} tree must not be modified); safe to share across threads.
 *
 * @param headers request headers, names in lower case
 * @param time creation time, formatted like JavaScript's {@code new Date().toString()}
 * @param address the client's IP address
 * @param xdomain whether the request carried an {@code Origin} header
 * @param secure whether the connection used TLS
 * @param issued creation time in epoch milliseconds
 * @param url the request URL of the Engine.IO handshake
 * @param query the query parameters of the handshake
 * @param auth the CONNECT payload (an empty object when the client sent none)
 */
public record Handshake(
        Map<String, List<String>> headers,
        String time,
        String address,
        boolean xdomain,
        boolean secure,
        long issued,
        String url,
        Map<String, String> query,
        JsonNode auth) {

    public Handshake {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
