package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthProperties.LoginRate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The login throttle's budgets and trusted addresses in this server's memory, bounded by {@code max-keys}
 * each. A cluster node uses it alone without Redis, and as the fallback of {@link RedisLoginLedger} while
 * Redis does not answer. Threading: thread safe, never blocks.
 */
final class LocalLoginLedger implements LoginLedger {
    private final LoginRate rate;
    private final FailureBudgets accounts;
    private final FailureBudgets addresses;
    private final Map<String, Long> trustedUntil;

    LocalLoginLedger(LoginRate rate) {
        this.rate = rate;
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

    private FailureBudgets budgets(Kind kind) {
        return kind == Kind.ACCOUNT ? accounts : addresses;
    }

    @Override
    public long take(Kind kind, String key) {
        return budgets(kind).take(key, System.nanoTime());
    }

    @Override
    public long waitNanos(Kind kind, String key) {
        return budgets(kind).waitNanos(key, System.nanoTime());
    }

    @Override
    public void giveBack(Kind kind, String key) {
        budgets(kind).giveBack(key, System.nanoTime());
    }

    @Override
    public synchronized boolean isTrusted(String account, String address) {
        Long until = trustedUntil.get(account + '\n' + address);
        return until != null && until - System.nanoTime() > 0;
    }

    @Override
    public synchronized void trust(String account, String address) {
        if (!rate.trustedAddressTtl().isZero()) {
            trustedUntil.put(account + '\n' + address, System.nanoTime() + rate.trustedAddressTtl().toNanos());
        }
    }
}
