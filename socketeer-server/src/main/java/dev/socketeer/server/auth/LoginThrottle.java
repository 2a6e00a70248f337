package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthProperties.LoginRate;
import dev.socketeer.server.auth.LoginLedger.Kind;
import dev.socketeer.server.common.Problems;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Throttles failed logins per account and per client address ({@link LoginRate}), before any BCrypt work: an
 * attempt takes one token from the address's budget and one from the account's; a failure keeps them, a success
 * gives them back, so only failures count. An empty budget refuses the attempt with a 429 problem and
 * {@code Retry-After}, whatever the password.
 *
 * <p>Lock-out: the account budget is what stops guessing from many addresses, and it is also what lets
 * someone else's failures lock an account. The user is exempt from it at an address the account logged in
 * from within {@code trusted-address-ttl} (still bound by that address's own budget), so an attacker elsewhere
 * cannot lock the user out where the user usually logs in; from a new address the user waits like anyone.
 *
 * <p>Budgets live in a {@link LoginLedger}: this server's memory, bounded by {@code max-keys}; with the
 * {@code redis} profile, Redis, so that the nodes of a cluster count together (an attacker spread over N nodes
 * does not get N budgets). Threading: thread safe.
 */
@Component
final class LoginThrottle {

    private final LoginRate rate;
    private final LoginLedger ledger;

    LoginThrottle(AuthProperties properties, ObjectProvider<LoginLedger> ledger) {
        this.rate = properties.loginRate();
        this.ledger = ledger.getIfAvailable(() -> new LocalLoginLedger(rate));
    }

    /** An admitted login attempt; say once how it ended (later calls do nothing). */
    interface Attempt {
        /** The password was right: the tokens go back, and the address is trusted for the account. */
        void succeeded();

        /** The password was wrong (or the user unknown): the tokens stay spent. */
        void failed();

        /** The attempt did not get an answer (an error, a cancelled request): the tokens go back. */
        void abandoned();
    }

    /**
     * Admits an attempt on {@code account} from {@code address}, or throws a 429 problem with {@code Retry-After}.
     * May block on the shared ledger of a cluster: call it where blocking is allowed.
     */
    Attempt admit(String account, String address) {
        if (!rate.enabled()) return NOT_THROTTLED;
        boolean trusted = ledger.isTrusted(account, address);
        long addressWait = ledger.take(Kind.ADDRESS, address);
        if (addressWait > 0) {
            throw tooManyFailures(Math.max(addressWait, trusted ? 0 : ledger.waitNanos(Kind.ACCOUNT, account)));
        }
        if (!trusted) {
            long accountWait = ledger.take(Kind.ACCOUNT, account);
            if (accountWait > 0) {
                ledger.giveBack(Kind.ADDRESS, address);
                throw tooManyFailures(accountWait);
            }
        }
        return new Admitted(account, address, !trusted);
    }

    /** The key of a client address: the IP address, an IPv6 one by its /64 (what one subscriber gets). */
    static String addressKey(InetSocketAddress remote) {
        InetAddress ip = remote == null ? null : remote.getAddress();
        if (ip == null) return "(unknown)";
        if (ip instanceof Inet6Address) return HexFormat.of().formatHex(ip.getAddress(), 0, 8) + "::/64";
        return ip.getHostAddress();
    }

    private static ErrorResponseException tooManyFailures(long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        ErrorResponseException problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed logins: try again in " + seconds + " s");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }

    private static final Attempt NOT_THROTTLED = new Attempt() {
        @Override
        public void succeeded() {}

        @Override
        public void failed() {}

        @Override
        public void abandoned() {}
    };

    private final class Admitted implements Attempt {
        private final String account;
        private final String address;
        private final boolean tookAccountToken;
        private final AtomicBoolean settled = new AtomicBoolean();

        Admitted(String account, String address, boolean tookAccountToken) {
            this.account = account;
            this.address = address;
            this.tookAccountToken = tookAccountToken;
        }

        @Override
        public void succeeded() {
            if (settled.compareAndSet(false, true)) {
                giveBack();
                ledger.trust(account, address);
            }
        }

        @Override
        public void failed() {
            settled.set(true);
        }

        @Override
        public void abandoned() {
            if (settled.compareAndSet(false, true)) giveBack();
        }

        private void giveBack() {
            ledger.giveBack(Kind.ADDRESS, address);
            if (tookAccountToken) ledger.giveBack(Kind.ACCOUNT, account);
        }
    }
}
