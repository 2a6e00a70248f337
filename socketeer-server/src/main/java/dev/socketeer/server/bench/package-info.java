/**
 * The {@code bench} profile: the benchmark measures the reference server's own event hub (seed 001's
 * {@code HubGateway} on namespace {@code /}, whose {@code joinRoom}, {@code roomMessage}, {@code echo} and
 * {@code message} are socketeer-bench's "room" contract) beside Node and standalone Socketeer. The profile
 * only sets configuration ({@code application-bench.properties}: loopback, in-memory database, no presence
 * events, quiet logs); {@link dev.socketeer.server.bench.BenchProfileCheck} refuses to start it together with
 * {@code prod}. Without the profile nothing here is active, and no code of this package serves requests.
 */
package dev.socketeer.server.bench;
