/**
 * What a protocol layer on top of the engine (Socket.IO's, in {@code socketeer-core}) needs from it
 * beyond the public API: work deferred to the end of an event loop's batch of tasks
 * ({@link dev.socketeer.engine.spi.DeferredTask}) and batched, tracked sends
 * ({@link dev.socketeer.engine.spi.SendBatching}). Applications do not need it. It is kept small and
 * documented so that {@code socketeer-core} never reaches into {@code dev.socketeer.engine.internal};
 * the build's architecture rules enforce that.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.engine.spi;

import org.jspecify.annotations.NullMarked;
