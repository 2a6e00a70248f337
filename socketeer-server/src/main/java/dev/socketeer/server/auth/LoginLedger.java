package dev.socketeer.server.auth;

/**
 * Where {@link LoginThrottle} keeps its failure budgets (one token bucket per account and per client address)
 * and the addresses an account has logged in from: this server's memory ({@link LocalLoginLedger}), or Redis
 * shared by every node of a cluster ({@link RedisLoginLedger}, profile {@code redis}).
 *
 * <p>Threading: thread safe. {@link #take} and {@link #isTrusted} may block for a network round trip: call them
 * where blocking is allowed; {@link #giveBack} and {@link #trust} do not block.
 */
interface LoginLedger {

    /** The two budgets of a login attempt. */
    enum Kind {
        ACCOUNT, ADDRESS;

        String keyName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Takes a token for {@code key}: 0 when there was one, else how many nanoseconds until there is. */
    long take(Kind kind, String key);

    /** How many nanoseconds until {@code key} has a token (0: it has one now); takes nothing. */
    long waitNanos(Kind kind, String key);

    /** Returns a token taken for an attempt that did not fail. */
    void giveBack(Kind kind, String key);

    /** Whether the account logged in from this address within the trusted-address time to live. */
    boolean isTrusted(String account, String address);

    /** Remembers that the account logged in from this address (no-op when the time to live is zero). */
    void trust(String account, String address);
}
