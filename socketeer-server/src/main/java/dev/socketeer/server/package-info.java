/**
 * Socketeer's reference server, packaged by feature. Each feature package holds its REST controller,
 * service, repository and gateway; {@code common} holds what every feature shares (problem details,
 * CORS, paging, blocking-call bridging).
 *
 * <p>Threading: controllers return Reactor types and never block an event loop; blocking JDBC work runs on
 * {@code Schedulers.boundedElastic()} (see {@code common.Blocking}). Socket.IO events are emitted after the
 * database transaction has committed.
 */
package dev.socketeer.server;
