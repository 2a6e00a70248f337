package dev.socketeer.server.claims;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The annotated string is an upper-case ISO 4217 currency code known to the JDK ({@code EUR}, {@code USD}). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCurrencyValidator.class)
@interface IsoCurrency {
    String message() default "must be a 3-letter ISO 4217 currency code, e.g. EUR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
