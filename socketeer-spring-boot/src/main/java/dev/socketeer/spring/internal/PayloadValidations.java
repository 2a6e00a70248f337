package dev.socketeer.spring.internal;

import dev.socketeer.spring.PayloadValidation;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/** Picks the payload validation: the context's Bean Validation {@code Validator}, if any. Stateless. */
public final class PayloadValidations {
    private static final boolean BEAN_VALIDATION = ClassUtils.isPresent("jakarta.validation.Validator",
            PayloadValidations.class.getClassLoader());

    private PayloadValidations() {
    }

    public static PayloadValidation find(ListableBeanFactory beans) {
        if (!BEAN_VALIDATION) {
            return PayloadValidation.NONE;
        }
        Object validator = beans.getBeanProvider(jakarta.validation.Validator.class).getIfUnique();
        return validator == null ? PayloadValidation.NONE : BeanPayloadValidation.of(validator);
    }
}
