package dev.socketeer.spring;

import org.jspecify.annotations.Nullable;

/**
 * Validates gateway payloads whose parameter is annotated {@code @Valid} (or Spring's {@code @Validated}).
 * The auto-configuration uses the context's Bean Validation {@code Validator} when there is one, and
 * {@link #NONE} otherwise; define a bean of this type to validate another way (it replaces the default).
 * A payload with violations is not passed to the handler: the client gets the error ack
 * {@code {"status":"error","message":<violations>}} (or an {@code exception} event without an ack).
 *
 * <p>Threading: implementations are thread safe; called on the handler executor for every validated
 * payload.
 */
@FunctionalInterface
public interface PayloadValidation {

    /** A validation that accepts everything (no Bean Validation provider). */
    PayloadValidation NONE = payload -> null;

    /** The violations as one message ({@code "name: must not be blank"}), or {@code null} when valid. */
    @Nullable String violations(Object payload);
}
