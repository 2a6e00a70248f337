package dev.socketeer.server.donations;

import java.time.Instant;
import java.util.List;

/**
 * A donation as the REST API returns it. User ids are strings, as in the events ({@code claimedBy},
 * {@code updatedBy}), so a front end can compare them with {@code ===}. Each step's who and when are
 * {@code null} until it happened. Immutable.
 */
record DonationView(String id, String name, String foodType, String quantity, String unit, String description,
                    Location location, String donorId, String donorName, DonationStatus status, Instant expiryTime,
                    List<String> imageUrls, Instant createdAt, String claimedBy, Instant claimedAt,
                    String pickedUpBy, Instant pickedUpAt, String deliveredBy, Instant deliveredAt) {

    static DonationView of(Donation d) {
        return new DonationView(d.id(), d.name(), d.foodType(), d.quantity(), d.unit(), d.description(),
                d.location(), Long.toString(d.donorId()), d.donorName(), d.status(), d.expiryTime(), d.imageUrls(),
                d.createdAt(), text(d.claimedBy()), d.claimedAt(), text(d.pickedUpBy()), d.pickedUpAt(),
                text(d.deliveredBy()), d.deliveredAt());
    }

    private static String text(Long userId) {
        return userId == null ? null : userId.toString();
    }
}
