package dev.socketeer.server.donations;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where the food is: the seed's {@code {lat, lng, address}}, in requests, responses and events alike.
 * Stored as columns {@code location_lat}, {@code location_lng}, {@code location_address}. Immutable.
 */
record Location(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
        @NotBlank @Size(max = 500) String address) {}
