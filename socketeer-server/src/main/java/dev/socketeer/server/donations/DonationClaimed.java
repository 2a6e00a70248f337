package dev.socketeer.server.donations;

import java.time.Instant;

/**
 * {@code donation.claimed}: exactly the seed's fields, from the stored donation; {@code claimedBy} is the
 * claiming user's id as a string. Published inside the claiming transaction, emitted after commit. Immutable.
 */
record DonationClaimed(String donationId, String claimedBy, DonationStatus status, Instant claimedAt) {

    static DonationClaimed of(Donation d) {
        return new DonationClaimed(d.id(), d.claimedBy().toString(), d.status(), d.claimedAt());
    }
}
