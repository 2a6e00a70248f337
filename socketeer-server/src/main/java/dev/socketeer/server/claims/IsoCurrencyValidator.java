package dev.socketeer.server.claims;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks {@link IsoCurrency}; {@code null} is left to {@code @NotNull}. Stateless, thread safe. */
final class IsoCurrencyValidator implements ConstraintValidator<IsoCurrency, String> {

    private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || CODES.contains(value);
    }
}
