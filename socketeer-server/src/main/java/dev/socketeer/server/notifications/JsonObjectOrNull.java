package dev.socketeer.server.notifications;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import tools.jackson.databind.JsonNode;

/** The annotated {@link JsonNode} is absent, JSON {@code null}, or an object of at most {@link #maxLength} characters as compact JSON. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = JsonObjectOrNull.Validator.class)
@interface JsonObjectOrNull {
    String message() default "must be a JSON object (or null) of at most {maxLength} characters";

    int maxLength();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link JsonObjectOrNull}. Stateless apart from the bound; thread safe. */
    final class Validator implements ConstraintValidator<JsonObjectOrNull, JsonNode> {
        private int maxLength;

        @Override
        public void initialize(JsonObjectOrNull annotation) {
            this.maxLength = annotation.maxLength();
        }

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return value == null || value.isNull() || value.isObject() && value.toString().length() <= maxLength;
        }
    }
}
