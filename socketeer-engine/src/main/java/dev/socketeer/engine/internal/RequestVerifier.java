package dev.socketeer.engine.internal;

import dev.socketeer.engine.CorsOptions;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineTransport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Node's {@code Server#verify}: checks the transport, the origin, and either the session id or the
 * handshake method of an Engine.IO request, before anything is answered.
 *
 * <p>Stateless apart from the engine it reads sessions from; thread safe.
 */
final class RequestVerifier {
    /** The outcome: an error to answer with, or none and the session the request belongs to (if any). */
    record Verdict(EngineError error, Session session) {
        static final Verdict HANDSHAKE = new Verdict(null, null);

        static Verdict refuse(EngineError error) {
            return new Verdict(error, null);
        }
    }

    private final EngineContext engine;
    private final EngineOptions options;

    RequestVerifier(EngineContext engine) {
        this.engine = engine;
        this.options = engine.options();
    }

    /** Verifies a request head; {@code origin} is its {@code Origin} header, or null. */
    Verdict verify(HttpRequest req, Map<String, List<String>> query, String origin) {
        EngineTransport transport = EngineTransport.fromWireName(first(query, "transport"));
        if (transport == null || !options.transports().contains(transport)) {
            return Verdict.refuse(EngineError.UNKNOWN_TRANSPORT);
        }
        if (origin != null && !validHeaderValue(origin)) {
            return Verdict.refuse(EngineError.BAD_REQUEST);
        }
        CorsOptions cors = options.cors();
        boolean upgrade = isUpgrade(req);
        // A page of the server's own origin is always served: the allow-list is for other origins.
        if (origin != null && !sameOrigin(origin, req.headers().get(HttpHeaderNames.HOST))
                && (cors != null ? !cors.isAllowed(origin) : upgrade)) {
            return Verdict.refuse(EngineError.FORBIDDEN);
        }
        String sid = first(query, "sid");
        if (sid != null) {
            Session session = engine.session(sid);
            if (session == null) {
                return Verdict.refuse(EngineError.UNKNOWN_SID);
            }
            if (upgrade ? transport != EngineTransport.WEBSOCKET || !options.allowUpgrades()
                    : transport != session.transport()) {
                return Verdict.refuse(EngineError.BAD_REQUEST);
            }
            return new Verdict(null, session);
        }
        if (!req.method().equals(HttpMethod.GET)) {
            return Verdict.refuse(EngineError.BAD_HANDSHAKE_METHOD);
        }
        if (transport == EngineTransport.WEBSOCKET && !upgrade) {
            return Verdict.refuse(EngineError.BAD_REQUEST);
        }
        if (engine.isClosed()) {
            return Verdict.refuse(EngineError.FORBIDDEN);
        }
        return Verdict.HANDSHAKE;
    }

    static boolean isUpgrade(HttpRequest req) {
        return req.method().equals(HttpMethod.GET)
                && "websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE));
    }

    /** Without a CORS policy a websocket is accepted only from a page of the server's own origin. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static boolean validHeaderValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** The first value of a query parameter (an empty string for a bare {@code ?key}), or null. */
    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null ? null : values.isEmpty() ? "" : values.get(0);
    }
}
