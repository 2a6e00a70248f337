/**
 * The {@code bench} profile: the Socket.IO "room" contract of socketeer-bench on namespace {@code /},
 * without authentication, so the benchmark harness can measure the Spring-mounted server beside Node and
 * standalone Socketeer. For benchmarks only: every bean here is {@code @Profile("bench")}, and
 * {@link dev.socketeer.server.bench.BenchProfileCheck} refuses to start {@code bench} together with
 * {@code prod}. Without the profile nothing here is active.
 *
 * <p>Threading: gateway methods run on the Socket.IO handler executor, in order per socket, in parallel
 * across sockets; they hold no state.
 */
package dev.socketeer.server.bench;
