package dev.socketeer.server.donations;

import java.time.Instant;

/**
 * {@code donation.status.updated}: exactly the seed's fields, from the stored donation; {@code updatedBy} is
 * the acting user's id as a string and {@code updatedAt} the recorded time of the step. Published inside the
 * updating transaction, emitted after commit. Immutable.
 */
record DonationStatusUpdated(String donationId, DonationStatus status, String updatedBy, Instant updatedAt) {

    /** The event for the step {@code d} has just taken ({@code PICKED_UP} or {@code DELIVERED}). */
    static DonationStatusUpdated of(Donation d) {
        return switch (d.status()) {
            case PICKED_UP -> new DonationStatusUpdated(d.id(), d.status(), d.pickedUpBy().toString(), d.pickedUpAt());
            case DELIVERED -> new DonationStatusUpdated(d.id(), d.status(), d.deliveredBy().toString(), d.deliveredAt());
            default -> throw new IllegalArgumentException("no status update event for " + d.status());
        };
    }
}
