package dev.socketeer.server.donations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/donations}: the seed's {@code CreateDonationDto} ({@code quantity} is a
 * string, as there). {@code imageUrls} may be left out (no images). A {@code donorName} or {@code status} in
 * the body is ignored: the donor is the token's user and a new donation is {@code AVAILABLE}.
 */
record CreateDonationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String foodType,
        @NotBlank @Size(max = 50) String quantity,
        @NotBlank @Size(max = 30) String unit,
        @Size(max = 2000) String description,
        @NotNull @Valid Location location,
        @NotNull @Future Instant expiryTime,
        @Size(max = 10) List<@NotBlank @Size(max = 2048) @HttpUrl String> imageUrls) {

    List<String> imageUrlsOrEmpty() {
        return imageUrls == null ? List.of() : imageUrls;
    }
}
