/**
 * Seed 001, the customer-service event hub, on namespace {@code /} (shared with claims, projects and chat):
 * {@code HubGateway} (anonymous clients: {@code message}, {@code joinRoom}, {@code leaveRoom},
 * {@code roomMessage}, {@code echo}; {@code connected}, {@code clientJoined}, {@code clientLeft}), the rooms a
 * client names kept in their own space ({@code HubRooms}: {@code hub:<name>}), the injectable facade
 * {@code HubEvents} (the seed's {@code WebSocketService}) that other features call, the HTTP triggers and
 * monitoring under {@code /websocket} ({@code HubController}, {@code ServerMonitor}, {@code ServerTraffic}) and
 * their security ({@code HubSecurity}: API key or ADMIN).
 *
 * <p>Threading: gateway handlers run on the Socket.IO handler executor, in order per client; HTTP handlers on
 * the WebFlux event loops, and never block (emitting does not). Nothing here holds mutable state except the
 * traffic counters.
 */
package dev.socketeer.server.hub;
