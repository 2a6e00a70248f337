package dev.socketeer.server.donations;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * The donation rules. Each change runs in one transaction: the conditional update (see
 * {@link DonationRepository}), a read of what was stored, the event for {@link DonationsGateway} (emitted
 * after commit) and the donor's notification. A refused change writes, publishes and notifies nothing; the
 * read after a failed update only chooses the answer (404, 403 or 400). Times are kept to the millisecond, a
 * JavaScript {@code Date}'s precision. Thread safe; JDBC runs on the bounded elastic scheduler.
 */
@Service
final class DonationService {

    static final String NOT_FOUND = "Donation not found";
    static final String NOT_AVAILABLE = "Donation is not available for claiming";
    static final String NOT_YOURS = "Only the NGO that claimed this donation can change its status";

    private final DonationRepository donations;
    private final JdbcAggregateOperations aggregates;
    private final DonorNotifications donors;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    DonationService(DonationRepository donations, JdbcAggregateOperations aggregates, DonorNotifications donors,
                    PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
        this.donations = donations;
        this.aggregates = aggregates;
        this.donors = donors;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    Mono<Donation> create(CreateDonationRequest request, Actor donor) {
        Donation draft = Donation.create(UUID.randomUUID().toString(), request, donor,
                millis(request.expiryTime()), now());
        return Blocking.call(() -> transactions.execute(status -> {
            aggregates.insert(draft); // insert, not save: the id is ours, so save would try an update
            Donation stored = donations.findById(draft.id()).orElseThrow();
            events.publishEvent(DonationCreated.of(stored));
            return stored;
        }));
    }

    Mono<Donation> claim(String id, Actor ngo) {
        String key = canonical(id);
        return Blocking.call(() -> transactions.execute(status -> {
            if (donations.claim(key, ngo.id(), now()) == 0) {
                throw donations.existsById(key) ? Problems.of(HttpStatus.BAD_REQUEST, NOT_AVAILABLE) : notFound();
            }
            Donation stored = donations.findById(key).orElseThrow();
            events.publishEvent(DonationClaimed.of(stored));
            donors.stepTaken(stored, ngo);
            return stored;
        }));
    }

    Mono<Donation> updateStatus(String id, DonationStatus target, Actor ngo) {
        String key = canonical(id);
        return Blocking.call(() -> transactions.execute(status -> {
            int changed = switch (target) {
                case PICKED_UP -> donations.markPickedUp(key, ngo.id(), now());
                case DELIVERED -> donations.markDelivered(key, ngo.id(), now());
                case AVAILABLE, CLAIMED -> 0;
            };
            if (changed == 0) throw refusal(key, target, ngo);
            Donation stored = donations.findById(key).orElseThrow();
            events.publishEvent(DonationStatusUpdated.of(stored));
            donors.stepTaken(stored, ngo);
            return stored;
        }));
    }

    Mono<PageView<Donation>> list(DonationStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        return Blocking.call(() -> PageView.of(
                status == null ? donations.findAll(request) : donations.findByStatus(status, request), d -> d));
    }

    Mono<Donation> get(String id) {
        String key = canonical(id);
        return Blocking.call(() -> donations.findById(key).orElseThrow(DonationService::notFound));
    }

    /** Why a status change did not apply: missing (404), another NGO's (403), or not the next step (400). */
    private ErrorResponseException refusal(String id, DonationStatus target, Actor ngo) {
        Donation current = donations.findById(id).orElse(null);
        if (current == null) return notFound();
        if (current.claimedBy() != null && current.claimedBy() != ngo.id()) return Problems.forbidden(NOT_YOURS);
        return Problems.of(HttpStatus.BAD_REQUEST, current.status().refusal(target));
    }

    /** The id in its stored form (lower-case UUID); anything that is no UUID cannot exist. */
    private static String canonical(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ErrorResponseException notFound() {
        return Problems.notFound(NOT_FOUND);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
