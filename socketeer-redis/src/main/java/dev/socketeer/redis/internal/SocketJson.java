package dev.socketeer.redis.internal;

import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.SocketTrees;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket in a {@code REMOTE_FETCH} response of {@code @socket.io/redis-adapter}:
 * {@code {id, handshake: {headers, time, address, xdomain, secure, issued, url, query, auth}, rooms, data}},
 * as Node's {@code JSON.stringify} writes it (headers with one string per name, query values a string or,
 * when repeated, an array of strings): core's {@link SocketTrees}, the data written as JSON.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SocketJson {

    private SocketJson() {}

    /** The JSON of a local socket, for another node (its data as JSON: binary values become base64 text). */
    public static ObjectNode write(RemoteSocket socket, JsonMapper mapper) {
        return SocketTrees.write(socket, mapper::valueToTree);
    }

    /** A socket of another node in a response. */
    public static RemoteSocket read(AdapterContext context, JsonNode socket) {
        return SocketTrees.read(context, socket);
    }
}
