/**
 * Test support for Socketeer: drives the official Node {@code socket.io-client} from Java tests.
 *
 * <ul>
 *   <li>{@link dev.socketeer.testkit.NodeDriver} runs {@code compat/driver.js} (one Node process, many
 *       clients) and hands out {@link dev.socketeer.testkit.NodeClient}s that emit, ack and await
 *       what the real client receives.</li>
 *   <li>{@link dev.socketeer.testkit.NodeReferenceServer} runs the Node {@code socket.io} server with the
 *       "room" contract, to prove the driver and as the benchmark baseline.</li>
 *   <li>{@link dev.socketeer.testkit.LeakGuard} fails a test class on a Netty buffer leak.</li>
 *   <li>{@link dev.socketeer.testkit.RequiresService} runs a test class only when an external service
 *       (PostgreSQL, Redis) answers, skips it with a warning otherwise, and fails it where
 *       {@code SOCKETEER_REQUIRE_SERVICES} requires the service (CI).</li>
 *   <li>{@link dev.socketeer.testkit.Fuzz} runs property-based fuzz tests (seeded, shrinking, tries and a time
 *       budget from system properties); {@link dev.socketeer.testkit.Mutations} turns valid encodings into
 *       nearly valid ones; {@link dev.socketeer.testkit.Allocations} measures what a piece of code allocates.</li>
 * </ul>
 *
 * <p>Prerequisite: {@code npm ci} in {@code compat/}. Binary values cross the JSON protocol as
 * {@code {"$bin":"<base64>"}} markers; pass {@code byte[]} to emit and decode with
 * {@link dev.socketeer.testkit.NodeDriver#bytes}.
 */
package dev.socketeer.testkit;
