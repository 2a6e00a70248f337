package dev.socketeer.server.common;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

/**
 * Checks {@link MaxUtf8Bytes} by encoding as {@code String.getBytes(UTF_8)} does, the way BCrypt counts (a lone
 * surrogate is one byte, {@code ?}). Request bodies are bounded, so encoding is cheap. Thread safe once initialised.
 */
final class MaxUtf8BytesValidator implements ConstraintValidator<MaxUtf8Bytes, CharSequence> {

    private int max;

    @Override
    public void initialize(MaxUtf8Bytes constraint) {
        this.max = constraint.value();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || value.toString().getBytes(StandardCharsets.UTF_8).length <= max;
    }
}
