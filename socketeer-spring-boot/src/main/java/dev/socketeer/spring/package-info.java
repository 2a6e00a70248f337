/**
 * Spring Boot integration of Socketeer: auto-configuration of a {@link dev.socketeer.core.SocketIoServer}
 * bean from {@code socketeer.*} properties ({@link dev.socketeer.spring.SocketeerProperties}), extended
 * through {@link dev.socketeer.spring.SocketIoServerCustomizer} beans; annotation gateways
 * ({@link dev.socketeer.spring.SocketGateway}); JWT handshake authentication
 * ({@link dev.socketeer.spring.AuthPolicy}); Micrometer metrics and a {@code socketeer} health
 * contribution.
 *
 * <h2>One port</h2>
 * In a WebFlux application (Reactor Netty) the Engine.IO endpoint ({@code /socket.io/}) is mounted on
 * the web server itself: a {@code NettyServerCustomizer} puts the engine's Netty handler on each HTTP/1.1
 * connection right after Reactor's HTTP codec, so REST, SSE, actuator and Socket.IO share one port, one
 * TLS setup and one server configuration; requests outside the path reach WebFlux unchanged. With
 * {@code socketeer.port} set, the server listens on its own port instead, and nothing is mounted.
 *
 * <h2>Lifecycle</h2>
 * The server bean is created with the context, gateways are wired once all singletons exist, the
 * server starts after the web server, and it stops (every socket disconnected with
 * {@code "server shutting down"}) before the web server's graceful shutdown begins.
 *
 * <h2>Threading</h2>
 * Netty event loops only parse and route; gateway methods, middleware (including token verification
 * callbacks) and listeners run on the server's handler executor, in order per client connection and
 * in parallel across connections, so a slow handler never delays another socket or any heartbeat.
 * {@code Mono} and {@code CompletionStage} results are subscribed to, never blocked on. The
 * {@code SocketIoServer} bean is thread safe: any bean may emit from any thread.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.spring;

import org.jspecify.annotations.NullMarked;
