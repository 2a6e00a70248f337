package dev.socketeer.core.protocol;

/**
 * Escapes lone surrogates in JSON text as <code>&#92;udxxx</code>, as JavaScript's well-formed {@code JSON.stringify}
 * does. Jackson writes a string's chars as they are, and a lone surrogate cannot be carried by UTF-8 (it
 * would arrive as {@code ?}); escaped, the client decodes the very string the server sent. In JSON written
 * by Jackson a surrogate can only stand inside a string, where the escape means the same char.
 *
 * <p>Stateless; safe to use from any thread.
 */
final class LoneSurrogates {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LoneSurrogates() {}

    /** {@code json} with each lone surrogate escaped; {@code json} itself when it has none. */
    static String escape(String json) {
        int first = firstLone(json, 0);
        if (first < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 12);
        int copied = 0;
        for (int i = first; i >= 0; i = firstLone(json, i + 1)) {
            char c = json.charAt(i);
            out.append(json, copied, i).append("\\u")
                    .append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            copied = i + 1;
        }
        return out.append(json, copied, json.length()).toString();
    }

    /** The index of the first lone surrogate at or after {@code from}, or -1. */
    private static int firstLone(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a pair
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
