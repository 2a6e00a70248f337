/**
 * Socket.IO protocol 5 server: {@link dev.socketeer.core.SocketIoServer}, namespaces, sockets, rooms,
 * acknowledgements, middleware and broadcasting, with the API of Node's {@code socket.io} 4.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>Each Engine.IO session belongs to one Netty event loop. Engine callbacks (a message arrived,
 *       the session closed) run there; the only work done on that thread is decoding Socket.IO packets.
 *       No user code ever runs on an event loop.</li>
 *   <li>Everything else for a client connection (namespace CONNECT, connection middleware, connection
 *       listeners, event listeners and packet middleware, acknowledgement callbacks, disconnect
 *       listeners) runs on the <em>handler executor</em>, strictly in order for that connection (one
 *       serial queue per connection, shared by all its namespaces), in parallel across connections. A
 *       handler that blocks delays only its own connection, never another client or any heartbeat.</li>
 *   <li>{@code next} of a middleware and {@link dev.socketeer.core.Ack#send} may be called later from
 *       any thread; the chain continues on the connection's queue.</li>
 *   <li>{@link dev.socketeer.core.Socket} and {@link dev.socketeer.core.BroadcastOperator} methods
 *       ({@code emit}, {@code join}, {@code to(...).emit}, ...) may be called from any thread. A
 *       broadcast encodes its packet once and writes the same messages to every target; room membership
 *       uses concurrent maps, no global lock.</li>
 *   <li>Inbound back-pressure: a connection is not read while more than
 *       {@link dev.socketeer.core.ServerOptions#maxQueuedPackets() maxQueuedPackets} (default 256) of its
 *       packets wait for or run in its handlers, or more than
 *       {@link dev.socketeer.core.ServerOptions#maxQueuedSends() maxQueuedSends} (default 65,536) writes
 *       its handlers made wait for their event
 *       loops; reading resumes at half. A packet counts until the writes it caused have reached their
 *       sessions ({@code SendBatching.trackDelivery}). Nothing is dropped; TCP slows the client.</li>
 *   <li>An exception thrown by user code is caught, logged through SLF4J and passed to the socket's
 *       {@link dev.socketeer.core.Socket#onError error listeners}; it never reaches Netty.</li>
 *   <li>Broadcast acknowledgement callbacks run on the handler executor (not on a connection queue).</li>
 * </ul>
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.core;

import org.jspecify.annotations.NullMarked;
