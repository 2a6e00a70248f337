/**
 * Implementation details of the Redis adapter (wire encoding); not an API.
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.redis.internal;

import org.jspecify.annotations.NullMarked;
