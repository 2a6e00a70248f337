/**
 * A Redis cluster adapter for Socketeer, speaking the wire format of Node's {@code @socket.io/redis-adapter}
 * 8.x so that Java and Node {@code socket.io} servers can share one cluster: create a
 * {@link dev.socketeer.redis.RedisAdapterFactory} and pass it to
 * {@code SocketIoServer.builder().adapter(...)}.
 * {@link dev.socketeer.redis.RedisEmitter} sends to such a cluster from a process without a server, as
 * Node's {@code @socket.io/redis-emitter} does.
 *
 * <p>Threading: the factory and its adapters are thread safe; nothing blocks on Redis except
 * {@link dev.socketeer.redis.RedisAdapterFactory#connect} and {@link dev.socketeer.redis.RedisEmitter#connect},
 * which are meant for application start-up.
 * Messages from Redis are handled on Lettuce's I/O thread.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.redis;

import org.jspecify.annotations.NullMarked;
