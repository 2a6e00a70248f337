package dev.socketeer.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates valid encodings into nearly valid ones, for {@link Fuzz}: byte and char flips, truncation,
 * insertion of protocol tokens, huge numbers, deep nesting, invalid UTF-8, lone surrogates, and very long
 * runs (namespaces, ids, attachment counts).
 *
 * <p>Stateless; thread safe (each call uses only the random it is given).
 */
public final class Mutations {
    /** Tokens that mean something to Engine.IO / Socket.IO parsers, inserted by {@link #mutate}. */
    private static final List<String> TOKENS = List.of(
            "\u001e", "b", "4", "42", "451-", "61-", "2probe", "3probe", "5", "6", "1", "/", ",", "-", "[", "]", "{", "}",
            "\"", "\\", ":", "\"_placeholder\":true", "{\"_placeholder\":true,\"num\":0}", "\"num\":",
            "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":true,\"num\":99}", "{\"_placeholder\":\"true\",\"num\":0}",
            "99999999999999999999", "2147483647", "2147483648", "-0", "1e400", "-1e-400", "NaN", "Infinity", "null",
            "true", "0.5", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\\u0000", "\u0000", "\ud800", "\udfff", "\ufffd", "\uffff",
            "\ud83d\ude00", "é", "=", "==", "\r\n", "\n", " ", "AAAA", "/chat,", "/a/b,", "connect", "\"disconnect\"");

    private Mutations() {}

    /** One to four mutations of {@code valid}. */
    public static String mutate(SplittableRandom random, String valid) {
        String s = valid;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            s = mutateOnce(random, s);
        }
        return s;
    }

    private static String mutateOnce(SplittableRandom random, String s) {
        int len = s.length();
        int at = len == 0 ? 0 : random.nextInt(len + 1);
        switch (random.nextInt(11)) {
            case 0 -> { // flip a char
                if (len == 0) return s;
                int i = random.nextInt(len);
                return s.substring(0, i) + (char) (s.charAt(i) ^ (1 << random.nextInt(16))) + s.substring(i + 1);
            }
            case 1 -> { // truncate
                return s.substring(0, at);
            }
            case 2 -> { // drop a prefix
                return s.substring(at);
            }
            case 3, 4 -> { // insert a token
                return s.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size())) + s.substring(at);
            }
            case 5 -> { // delete a range
                int end = at + random.nextInt(Math.max(1, len - at + 1));
                return s.substring(0, at) + s.substring(Math.min(end, len));
            }
            case 6 -> { // duplicate a range
                int end = Math.min(len, at + 1 + random.nextInt(16));
                return s.substring(0, end) + s.substring(at, end) + s.substring(end);
            }
            case 7 -> { // a long run: deep nesting, long names and ids, huge numbers
                String unit = List.of("[", "{\"a\":", "9", "a", "/", "[{\"_placeholder\":true,\"num\":0},", "\u001e4")
                        .get(random.nextInt(7));
                return s.substring(0, at) + unit.repeat(1 + random.nextInt(longRun(random))) + s.substring(at);
            }
            case 8 -> { // a random char, any code unit
                return s.substring(0, at) + (char) random.nextInt(0x10000) + s.substring(at);
            }
            case 9 -> { // a random ASCII char
                return s.substring(0, at) + (char) random.nextInt(0x80) + s.substring(at);
            }
            default -> { // a digit changed: counts, ids, nums
                for (int tries = 0; tries < 8 && len > 0; tries++) {
                    int i = random.nextInt(len);
                    if (Character.isDigit(s.charAt(i))) {
                        return s.substring(0, i) + (char) ('0' + random.nextInt(10)) + s.substring(i + 1);
                    }
                }
                return s;
            }
        }
    }

    /** Mostly short, sometimes very long: the length of a repeated run. */
    private static int longRun(SplittableRandom random) {
        return random.nextInt(10) == 0 ? 200_000 : random.nextInt(10) < 3 ? 2_000 : 20;
    }

    /**
     * Mutations of {@code valid} at the byte level of its UTF-8 encoding (so they may break UTF-8), decoded
     * back as a receiver does: malformed sequences become U+FFFD.
     */
    public static String mutateUtf8(SplittableRandom random, String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n && bytes.length > 0; k++) {
            int i = random.nextInt(bytes.length);
            bytes[i] = switch (random.nextInt(4)) {
                case 0 -> (byte) 0xff;
                case 1 -> (byte) 0xc0;
                case 2 -> (byte) 0xed; // starts an encoded surrogate
                default -> (byte) (bytes[i] ^ (1 << random.nextInt(8)));
            };
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A random string of up to {@code maxLength} chars drawn from protocol tokens and random chars. */
    public static String randomString(SplittableRandom random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int target = random.nextInt(maxLength + 1);
        while (sb.length() < target) {
            if (random.nextBoolean()) {
                sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
            } else {
                sb.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(0x80)));
            }
        }
        return sb.toString();
    }
}
