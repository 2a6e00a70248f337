package dev.socketeer.core.internal;

import dev.socketeer.core.Handshake;
import dev.socketeer.engine.EngineRequest;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Builds a socket's {@link Handshake} from the engine request, as Node's {@code buildHandshake}. Thread safe. */
final class Handshakes {
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US);

    /** The last formatted second: handshakes within one second share its text (kept by every socket). */
    private static volatile FormattedSecond last = new FormattedSecond(Long.MIN_VALUE, java.time.ZoneOffset.UTC, "");

    private Handshakes() {
    }

    static Handshake of(EngineRequest request, JsonNode auth) {
        ZonedDateTime now = ZonedDateTime.now();
        InetSocketAddress remote = request.remoteAddress();
        String address = remote == null ? "" : remote.getAddress() != null
                ? remote.getAddress().getHostAddress() : remote.getHostString();
        JsonNode authNode = auth != null && auth.isObject() ? auth : JsonNodeFactory.instance.objectNode();
        return new Handshake(
                request.headerValues(),
                jsDateCached(now),
                address,
                request.header("origin") != null,
                request.secure(),
                now.toInstant().toEpochMilli(),
                request.url(),
                request.queryValues(),
                authNode);
    }

    private static String jsDateCached(ZonedDateTime time) {
        long second = time.toEpochSecond();
        FormattedSecond cached = last;
        if (cached.second == second && cached.zone.equals(time.getZone())) {
            return cached.text;
        }
        String text = jsDate(time);
        last = new FormattedSecond(second, time.getZone(), text);
        return text;
    }

    private record FormattedSecond(long second, ZoneId zone, String text) {
    }

    /** Like JavaScript's {@code new Date().toString()}, e.g. {@code Tue Mar 05 2024 10:00:00 GMT+0000 (Coordinated Universal Time)}. */
    static String jsDate(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        return JS_DATE.format(time) + " (" + zone.getDisplayName(TextStyle.FULL, Locale.US) + ")";
    }
}
