package dev.socketeer.server.auth;

import dev.socketeer.redis.RedisAdapterFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In a cluster ({@code socketeer.adapter=redis}, the {@code redis} profile), the login throttle counts in the
 * Redis the nodes already share, through the adapter's client ({@link RedisLoginLedger}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "socketeer.adapter", havingValue = "redis")
class ClusterLoginConfiguration {

    @Bean(destroyMethod = "close")
    RedisLoginLedger redisLoginLedger(RedisAdapterFactory redis, AuthProperties properties) {
        return new RedisLoginLedger(redis.client(), redis.key(), properties.loginRate());
    }
}
