package dev.socketeer.server.donations;

import java.time.Instant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * Donations in tables {@code donation} and {@code donation_image}. Every change of status is one conditional
 * {@code UPDATE} that names the status it leaves, so concurrent requests cannot both succeed: the database
 * serialises them on the row and the loser's condition no longer holds (0 rows). Blocking: call through
 * {@code Blocking.call}, inside a transaction.
 */
interface DonationRepository extends ListCrudRepository<Donation, String>,
        ListPagingAndSortingRepository<Donation, String> {

    Page<Donation> findByStatus(DonationStatus status, Pageable pageable);

    /** Claims an available, unexpired donation for {@code ngoId}; 1 if this call won it, 0 otherwise. */
    @Modifying
    @Query("""
            UPDATE donation SET status = 'CLAIMED', claimed_by = :ngoId, claimed_at = :now
            WHERE id = :id AND status = 'AVAILABLE' AND expiry_time > :now""")
    int claim(String id, long ngoId, Instant now);

    /** CLAIMED → PICKED_UP by the NGO that claimed it; 1 if changed, 0 otherwise. */
    @Modifying
    @Query("""
            UPDATE donation SET status = 'PICKED_UP', picked_up_by = :ngoId, picked_up_at = :now
            WHERE id = :id AND status = 'CLAIMED' AND claimed_by = :ngoId""")
    int markPickedUp(String id, long ngoId, Instant now);

    /** PICKED_UP → DELIVERED by the NGO that claimed it; 1 if changed, 0 otherwise. */
    @Modifying
    @Query("""
            UPDATE donation SET status = 'DELIVERED', delivered_by = :ngoId, delivered_at = :now
            WHERE id = :id AND status = 'PICKED_UP' AND claimed_by = :ngoId""")
    int markDelivered(String id, long ngoId, Instant now);
}
