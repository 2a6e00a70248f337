package dev.socketeer.core;

import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.OrderedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The details of the connection a socket was created from, Node's {@code socket.handshake}.
 *
 * <p>Headers and query parameters keep the order they arrived in. {@link #headers()} has the shape of Node's
 * {@code handshake.headers} (strings, a repeated header joined); {@link #headerValues()} keeps every value as
 * received. {@link #query()} has the first value of a repeated parameter, where Node has an array of them;
 * {@link #queryValues()} has them all.
 *
 * <p>Immutable (the {@code auth} tree must not be modified); safe to share across threads.
 *
 * @param headerValues request headers, names in lower case, in arrival order, each with all its values
 * @param time creation time, formatted like JavaScript's {@code new Date().toString()}
 * @param address the client's IP address
 * @param xdomain whether the request carried an {@code Origin} header
 * @param secure whether the connection used TLS
 * @param issued creation time in epoch milliseconds
 * @param url the request URL of the Engine.IO handshake
 * @param queryValues the query parameters of the handshake, in order, each with all its values
 * @param auth the CONNECT payload (an empty object when the client sent none)
 */
public record Handshake(
        Map<String, List<String>> headerValues,
        String time,
        String address,
        boolean xdomain,
        boolean secure,
        long issued,
        String url,
        Map<String, List<String>> queryValues,
        JsonNode auth) {

    public Handshake {
        headerValues = lists(headerValues);
        queryValues = lists(queryValues);
    }

    private static Map<String, List<String>> lists(Map<String, List<String>> map) {
        if (map instanceof OrderedMap<String, List<String>> ordered) {
            return ordered; // an EngineRequest's: immutable, lists included, shared by the session's sockets
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return OrderedMap.copyOf(copy);
    }

    /**
     * The headers as Node's {@code handshake.headers} has them: lower-case names in arrival order, a repeated
     * header's values joined with {@code ", "} ({@code cookie} with {@code "; "}), and only the first value of
     * those Node keeps once ({@code host}, {@code content-type}, {@code user-agent}, {@code authorization}…).
     * {@code set-cookie}, an array in Node, is joined too (see {@link #headerValues()}). Computed on each call.
     */
    public Map<String, String> headers() {
        return EngineRequest.nodeHeaders(headerValues);
    }

    /** The query parameters in order, each with its first value (Node: an array for a repeated one). Computed on each call. */
    public Map<String, String> query() {
        return EngineRequest.firstValues(queryValues);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public @Nullable String header(String name) {
        List<String> values = headerValues.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
