package dev.socketeer.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.auth.*}: how the users of tokens are checked and how logins are throttled.
 *
 * @param userCacheTtl how long the answer to "does this token's user still exist" is remembered; a deleted
 *                     user's tokens stop working within it ({@code 0s}: ask the database every time)
 * @param loginRate    the login throttle, {@code socketeer.server.auth.login-rate.*}
 */
@ConfigurationProperties("socketeer.server.auth")
record AuthProperties(@DefaultValue("10s") Duration userCacheTtl, @DefaultValue LoginRate loginRate) {

    AuthProperties {
        if (userCacheTtl.isNegative()) {
            throw new IllegalArgumentException("socketeer.server.auth.user-cache-ttl must not be negative");
        }
    }

    /**
     * Failed logins allowed per {@code window}, as token buckets: a burst of that many, then one more every
     * {@code window / failures}. Only failures use up the budget; while a budget is spent every login it covers is
     * refused with 429, the right password included.
     *
     * @param enabled           whether logins are throttled at all
     * @param accountFailures   per account (the normalised username), from every address together
     * @param addressFailures   per client address (an IPv6 client by its /64), for every username together
     * @param window            the period over which those failures are allowed
     * @param maxKeys           the most accounts, addresses and trusted pairs remembered (each); when full, spent
     *                          budgets that have refilled go first, then the least recently used
     * @param trustedAddressTtl how long an address the account logged in from stays exempt from the account
     *                          budget (not from its address budget), so others' failures do not lock the user
     *                          out there; {@code 0s}: no exemption
     */
    record LoginRate(@DefaultValue("true") boolean enabled,
                     @DefaultValue("10") int accountFailures,
                     @DefaultValue("30") int addressFailures,
                     @DefaultValue("10m") Duration window,
                     @DefaultValue("10000") int maxKeys,
                     @DefaultValue("30d") Duration trustedAddressTtl) {

        LoginRate {
            String prefix = "socketeer.server.auth.login-rate.";
            if (accountFailures < 1) throw new IllegalArgumentException(prefix + "account-failures must be at least 1");
            if (addressFailures < 1) throw new IllegalArgumentException(prefix + "address-failures must be at least 1");
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException(prefix + "window must be positive");
            if (maxKeys < 1) throw new IllegalArgumentException(prefix + "max-keys must be at least 1");
            if (trustedAddressTtl.isNegative()) {
                throw new IllegalArgumentException(prefix + "trusted-address-ttl must not be negative");
            }
        }
    }
}
