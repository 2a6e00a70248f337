package dev.socketeer.server.donations;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored donation (aggregate root of {@code donation} and its {@code donation_image} rows). Immutable: status
 * changes are conditional updates in {@link DonationRepository}, never a save of a changed copy.
 *
 * @param id        a UUID, canonical lower-case text
 * @param donorId   the id of the donor's user
 * @param donorName the donor's username (the display name), never taken from the request
 * @param claimedBy the id of the claiming NGO's user, with {@code claimedAt}; likewise each later step
 */
@Table("donation")
record Donation(@Id String id, String name, String foodType, String quantity, String unit, String description,
                @Embedded(onEmpty = Embedded.OnEmpty.USE_NULL, prefix = "location_") Location location,
                long donorId, String donorName, DonationStatus status, Instant expiryTime,
                @MappedCollection(idColumn = "donation_id", keyColumn = "list_index") List<Image> images,
                Instant createdAt, Long claimedBy, Instant claimedAt, Long pickedUpBy, Instant pickedUpAt,
                Long deliveredBy, Instant deliveredAt) {

    /** One row of {@code donation_image}. */
    @Table("donation_image")
    record Image(String url) {}

    /** A new, available donation. */
    static Donation create(String id, CreateDonationRequest request, Actor donor, Instant expiryTime, Instant now) {
        List<Image> images = request.imageUrlsOrEmpty().stream().map(Image::new).toList();
        return new Donation(id, request.name().trim(), request.foodType().trim(), request.quantity().trim(),
                request.unit().trim(), request.description(), request.location(), donor.id(), donor.username(),
                DonationStatus.AVAILABLE, expiryTime, images, now, null, null, null, null, null, null);
    }

    List<String> imageUrls() {
        return images.stream().map(Image::url).toList();
    }
}
