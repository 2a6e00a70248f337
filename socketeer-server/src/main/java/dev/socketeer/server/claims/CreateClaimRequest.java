package dev.socketeer.server.claims;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /api/v1/claims}. {@code amount} is a JSON number (not a string) with at most 13 integer
 * digits and 2 decimals: 15 significant digits survive a JavaScript number (a double), so what
 * {@code JSON.parse} makes of the stored amount prints back as the same decimal. Title and description are plain text,
 * stored and sent as written (HTML included): clients escape them when they render HTML.
 */
record CreateClaimRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String description,
        @NotNull @Positive @Digits(integer = 13, fraction = 2) @JsonDeserialize(using = JsonNumberAmount.class)
        BigDecimal amount,
        @NotNull @IsoCurrency String currency) {}
