/**
 * The adapter SPI, Node's {@code socket.io-adapter}: how a namespace finds the sockets of a room and
 * reaches them, on this server ({@link dev.socketeer.core.adapter.InMemoryAdapter}, and
 * {@link dev.socketeer.core.adapter.SessionAwareAdapter} with connection state recovery) or across a
 * cluster ({@link dev.socketeer.core.adapter.ClusterAdapter}: the cluster protocol of Node's
 * {@code socket.io-adapter} 2.5 as {@link dev.socketeer.core.adapter.ClusterMessage}s, which a transport
 * publishes and feeds back; {@link dev.socketeer.core.adapter.ClusterAdapterWithHeartbeat} adds node liveness). An adapter receives everything it needs through its
 * {@link dev.socketeer.core.adapter.AdapterContext}.
 *
 * <p>Threading: adapter methods are called from any thread (handler threads, event loops for
 * disconnects, the caller of a broadcast) and must be thread safe and must not block.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.core.adapter;

import org.jspecify.annotations.NullMarked;
