package dev.socketeer.server.donations;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code PATCH /api/v1/donations/{id}/status}: {@code {"status": "PICKED_UP"}}. Any status name
 * is accepted here; whether it may follow the current one is the service's answer (400 naming the current).
 */
record StatusUpdateRequest(
        @NotNull @Pattern(regexp = "AVAILABLE|CLAIMED|PICKED_UP|DELIVERED",
                message = "must be one of AVAILABLE, CLAIMED, PICKED_UP, DELIVERED") String status) {

    DonationStatus toStatus() {
        return DonationStatus.valueOf(status);
    }
}
