package dev.socketeer.spring.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;

/**
 * Validates payloads annotated {@code @Valid} (or Spring's {@code @Validated}) with Bean Validation.
 * Implementations are thread safe.
 */
public interface PayloadValidation {

    /** A validation that accepts everything (no Bean Validation provider). */
    PayloadValidation NONE = payload -> null;

    /** The violations as one message ({@code "name: must not be blank"}), or null when valid. */
    String violations(Object payload);

    static boolean isValidated(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.equals("jakarta.validation.Valid") || name.equals("org.springframework.validation.annotation.Validated")) {
                return true;
            }
        }
        return false;
    }
}
