/**
 * A Redis cluster adapter for Socketeer, speaking the wire format of Node's {@code @socket.io/redis-adapter}
 * 8.x so that Java and Node {@code socket.io} servers can share one cluster: create a
 * {@link dev.socketeer.redis.RedisAdapterFactory} and pass it to
 * {@code SocketIoServer.builder().adapter(...)}. {@link dev.socketeer.redis.RedisStreamsAdapterFactory} does
 * the same over Redis Streams in the wire format of Node's {@code @socket.io/redis-streams-adapter} 0.3, with
 * connection state recovery across nodes (the cluster protocol is core's
 * {@link dev.socketeer.core.adapter.ClusterAdapter}). {@link dev.socketeer.redis.RedisShardedAdapterFactory}
 * does it over Redis 7's sharded pub/sub, like Node's {@code createShardedAdapter} of
 * {@code @socket.io/redis-adapter} 8.3 (also on {@code ClusterAdapter}).
 * {@link dev.socketeer.redis.RedisEmitter} sends to such a cluster from a process without a server, as
 * Node's {@code @socket.io/redis-emitter} does.
 *
 * <p>Threading: the factory and its adapters are thread safe; nothing blocks on Redis except
 * {@link dev.socketeer.redis.RedisAdapterFactory#connect}, {@link dev.socketeer.redis.RedisEmitter#connect} and
 * the streams and sharded factories' {@code connect}, which are meant for application start-up.
 * Messages from Redis pub/sub are handled on Lettuce's I/O thread; stream entries on the stream's own
 * reader thread ({@code XREAD BLOCK} on a dedicated connection).
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.redis;

import org.jspecify.annotations.NullMarked;
