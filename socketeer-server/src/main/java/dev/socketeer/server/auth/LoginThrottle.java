package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthProperties.LoginRate;
import dev.socketeer.server.common.Problems;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Budgets live in this server's memory (each node of a cluster counts for itself) and are bounded by
 * {@code max-keys}. Threading: thread safe.
 */
@Component
final class LoginThrottle {

    private final LoginRate rate;
    private final FailureBudgets accounts;
    private final FailureBudgets addresses;
    private final Map<String, Long> trustedUntil;

    LoginThrottle(AuthProperties properties) {
        this.rate = properties.loginRate();
        this.accounts = new FailureBudgets(rate.accountFailures(), rate.window(), rate.maxKeys());
        this.addresses = new FailureBudgets(rate.addressFailures(), rate.window(), rate.maxKeys());
        int maxTrusted = rate.maxKeys();
        this.trustedUntil = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxTrusted;
            }
        };
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

    /** Admits an attempt on {@code account} from {@code address}, or throws a 429 problem with {@code Retry-After}. */
    Attempt admit(String account, String address) {
        if (!rate.enabled()) return NOT_THROTTLED;
        long now = System.nanoTime();
        boolean trusted = isTrusted(account, address, now);
        long addressWait = addresses.take(address, now);
        if (addressWait > 0) {
            throw tooManyFailures(Math.max(addressWait, trusted ? 0 : accounts.waitNanos(account, now)));
        }
        if (!trusted) {
            long accountWait = accounts.take(account, now);
            if (accountWait > 0) {
                addresses.giveBack(address, now);
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

    private synchronized boolean isTrusted(String account, String address, long now) {
        Long until = trustedUntil.get(account + '\n' + address);
        return until != null && until - now > 0;
    }

    private synchronized void trust(String account, String address, long now) {
        if (!rate.trustedAddressTtl().isZero()) {
            trustedUntil.put(account + '\n' + address, now + rate.trustedAddressTtl().toNanos());
        }
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
                long now = System.nanoTime();
                giveBack(now);
                trust(account, address, now);
            }
        }

        @Override
        public void failed() {
            settled.set(true);
        }

        @Override
        public void abandoned() {
            if (settled.compareAndSet(false, true)) giveBack(System.nanoTime());
        }

        private void giveBack(long now) {
            addresses.giveBack(address, now);
            if (tookAccountToken) accounts.giveBack(account, now);
        }
    }
}
