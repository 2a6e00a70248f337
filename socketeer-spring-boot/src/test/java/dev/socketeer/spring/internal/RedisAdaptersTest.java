package dev.socketeer.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** How {@code spring.data.redis.*} becomes the adapter's {@link RedisURI} (pure unit: no Redis). */
class RedisAdaptersTest {

    @Test
    void defaultsAreSpringBootsLocalhost6379Database0() {
        RedisURI uri = RedisAdapters.uri(new MockEnvironment());
        assertThat(uri.getHost()).isEqualTo("localhost");
        assertThat(uri.getPort()).isEqualTo(6379);
        assertThat(uri.getDatabase()).isZero();
        assertThat(uri.isSsl()).isFalse();
    }

    @Test
    void hostPortCredentialsDatabaseSslTimeoutAndClientName() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.data.redis.host", "redis.internal")
                .withProperty("spring.data.redis.port", "6380")
                .withProperty("spring.data.redis.username", "app")
                .withProperty("spring.data.redis.password", "secret")
                .withProperty("spring.data.redis.database", "3")
                .withProperty("spring.data.redis.ssl.enabled", "true")
                .withProperty("spring.data.redis.timeout", "7s")
                .withProperty("spring.data.redis.client-name", "node-a");
        RedisURI uri = RedisAdapters.uri(env);
        assertThat(uri.getHost()).isEqualTo("redis.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("app");
        assertThat(new String(credentials.getPassword())).isEqualTo("secret");
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(uri.getClientName()).isEqualTo("node-a");
    }

    @Test
    void theUrlWinsOverHostAndPort() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.data.redis.url", "rediss://:pw@cache.example:6390/2")
                .withProperty("spring.data.redis.host", "ignored")
                .withProperty("spring.data.redis.port", "1");
        RedisURI uri = RedisAdapters.uri(env);
        assertThat(uri.getHost()).isEqualTo("cache.example");
        assertThat(uri.getPort()).isEqualTo(6390);
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(uri.isSsl()).isTrue();
        assertThat(new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("pw");
    }

    @Test
    void sentinelAndClusterAreRefusedClearly() {
        assertThatThrownBy(() -> RedisAdapters.uri(new MockEnvironment()
                .withProperty("spring.data.redis.sentinel.master", "mymaster")))
                .hasMessageContaining("sentinel and .cluster are not supported");
        assertThatThrownBy(() -> RedisAdapters.uri(new MockEnvironment()
                .withProperty("spring.data.redis.cluster.nodes", "a:1,b:2")))
                .hasMessageContaining("sentinel and .cluster are not supported");
    }
}
