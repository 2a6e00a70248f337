package dev.socketeer.server.donations;

import java.time.Instant;
import java.util.List;

/**
 * {@code donation.created}: exactly the seed's fields, from the stored donation. Published inside the
 * creating transaction; {@link DonationsGateway} emits it after commit. Immutable.
 */
record DonationCreated(String id, String name, String foodType, String quantity, String unit, String description,
                       Location location, String donorName, Instant expiryTime, List<String> imageUrls,
                       Instant createdAt) {

    static DonationCreated of(Donation d) {
        return new DonationCreated(d.id(), d.name(), d.foodType(), d.quantity(), d.unit(), d.description(),
                d.location(), d.donorName(), d.expiryTime(), d.imageUrls(), d.createdAt());
    }
}
