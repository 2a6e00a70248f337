package dev.socketeer.server.auth;

import dev.socketeer.server.auth.AuthProperties.LoginRate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login throttle's budgets and trusted addresses in Redis, shared by the nodes of a cluster (profile
 * {@code redis}). A budget is a hash {@code <key>:login:<account|address>:<sha-256 of the name>} updated by one
 * Lua script with Redis's own clock (so the nodes' clocks do not matter) and expiring after the window (by then
 * it is full again); a trusted address is a key {@code <key>:login:trusted:<sha-256>} with the trusted-address
 * time to live. Names are hashed so that no user name or address is stored in Redis.
 *
 * <p>While Redis does not answer (down, or slower than {@link #TIMEOUT}), each node falls back to its own
 * {@link LocalLoginLedger} (logged once per outage), so logins keep working and stay throttled per node.
 *
 * <p>Lifecycle: one per application, closed with it. Threading: thread safe; {@link #take}, {@link #waitNanos}
 * and {@link #isTrusted} block for a round trip (call them off the event loops); {@link #giveBack} and
 * {@link #trust} send without waiting.
 */
final class RedisLoginLedger implements LoginLedger, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLoginLedger.class);
    /** How long a login waits for Redis before it is throttled by this node alone. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /**
     * KEYS[1] the bucket; ARGV: capacity, window (ms), operation (take, wait or give). Returns the wait in
     * microseconds (0: a token was there). The bucket starts full, refills at capacity per window.
     */
    private static final String BUCKET_SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local capacity = tonumber(ARGV[1])
            local window = tonumber(ARGV[2]) * 1000
            local rate = capacity / window
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = capacity
              at = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local wait = 0
            if ARGV[3] == 'take' then
              if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
            elseif ARGV[3] == 'give' then
              tokens = math.min(capacity, tokens + 1)
            elseif tokens < 1 then
              wait = math.ceil((1 - tokens) / rate)
            end
            if ARGV[3] ~= 'wait' then
              redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return wait
            """;

    private final LoginRate rate;
    private final String prefix;
    private final StatefulRedisConnection<String, String> connection;
    private final LocalLoginLedger fallback;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final String scriptSha;

    /** Connects (blocking) on {@code client}; keys start with {@code key + ":login:"}. */
    RedisLoginLedger(RedisClient client, String key, LoginRate rate) {
        this.rate = rate;
        this.prefix = key + ":login:";
        this.fallback = new LocalLoginLedger(rate);
        this.connection = client.connect(StringCodec.UTF8);
        this.connection.setTimeout(TIMEOUT);
        this.scriptSha = connection.sync().scriptLoad(BUCKET_SCRIPT);
    }

    @Override
    public long take(Kind kind, String key) {
        return bucket(kind, key, "take");
    }

    @Override
    public long waitNanos(Kind kind, String key) {
        return bucket(kind, key, "wait");
    }

    @Override
    public void giveBack(Kind kind, String key) {
        if (!connection.isOpen()) {
            fallback.giveBack(kind, key);
            return;
        }
        connection.async().evalsha(scriptSha, ScriptOutputType.INTEGER, new String[] {bucketKey(kind, key)},
                args(kind, "give")).whenComplete((wait, error) -> {
                    if (error != null) {
                        redisFailed(error);
                        fallback.giveBack(kind, key);
                    }
                });
    }

    @Override
    public boolean isTrusted(String account, String address) {
        if (rate.trustedAddressTtl().isZero()) {
            return false;
        }
        if (!connection.isOpen()) {
            return fallback.isTrusted(account, address);
        }
        try {
            boolean trusted = connection.sync().exists(trustedKey(account, address)) > 0;
            redisAnswered();
            return trusted || fallback.isTrusted(account, address);
        } catch (RedisException e) {
            redisFailed(e);
            return fallback.isTrusted(account, address);
        }
    }

    @Override
    public void trust(String account, String address) {
        fallback.trust(account, address); // also here: a node keeps what it saw while Redis was away
        if (rate.trustedAddressTtl().isZero() || !connection.isOpen()) {
            return;
        }
        connection.async().set(trustedKey(account, address), "1", SetArgs.Builder.px(rate.trustedAddressTtl()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        redisFailed(error);
                    }
                });
    }

    @Override
    public void close() {
        connection.close();
    }

    private long bucket(Kind kind, String key, String operation) {
        if (!connection.isOpen()) {
            redisFailed(null);
            return "take".equals(operation) ? fallback.take(kind, key) : fallback.waitNanos(kind, key);
        }
        try {
            Long micros = connection.sync().evalsha(scriptSha, ScriptOutputType.INTEGER,
                    new String[] {bucketKey(kind, key)}, args(kind, operation));
            redisAnswered();
            return micros == null || micros <= 0 ? 0 : TimeUnit.MICROSECONDS.toNanos(micros);
        } catch (RedisException e) {
            redisFailed(e);
            return "take".equals(operation) ? fallback.take(kind, key) : fallback.waitNanos(kind, key);
        }
    }

    private String[] args(Kind kind, String operation) {
        int capacity = kind == Kind.ACCOUNT ? rate.accountFailures() : rate.addressFailures();
        return new String[] {Integer.toString(capacity), Long.toString(rate.window().toMillis()), operation};
    }

    private String bucketKey(Kind kind, String key) {
        return prefix + kind.keyName() + ':' + sha256(key);
    }

    private String trustedKey(String account, String address) {
        return prefix + "trusted:" + sha256(account + '\n' + address);
    }

    private void redisFailed(Throwable error) {
        if (degraded.compareAndSet(false, true)) {
            log.warn("login throttle: Redis does not answer ({}); each node counts failed logins for itself until it"
                    + " does", error == null ? "disconnected" : error.toString());
        }
    }

    private void redisAnswered() {
        if (degraded.compareAndSet(true, false)) {
            log.info("login throttle: Redis answers again; failed logins are counted across the cluster");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
