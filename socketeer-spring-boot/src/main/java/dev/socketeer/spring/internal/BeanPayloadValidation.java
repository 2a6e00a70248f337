package dev.socketeer.spring.internal;

import dev.socketeer.spring.PayloadValidation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link PayloadValidation} with a Bean Validation {@link Validator}. Thread safe. */
final class BeanPayloadValidation implements PayloadValidation {
    private final Validator validator;

    BeanPayloadValidation(Validator validator) {
        this.validator = validator;
    }

    @Override
    public String violations(Object payload) {
        if (payload == null) {
            return "payload: must not be null";
        }
        Set<ConstraintViolation<Object>> found = validator.validate(payload);
        if (found.isEmpty()) {
            return null;
        }
        return found.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(", "));
    }

    /** A validation from a {@code jakarta.validation.Validator} bean, or {@link #NONE} for anything else. */
    static PayloadValidation of(Object validator) {
        return validator instanceof Validator v ? new BeanPayloadValidation(v) : NONE;
    }
}
