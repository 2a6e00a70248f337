package dev.socketeer.server.claims;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * Creates and reads claims. A new claim is inserted and read back in one transaction (so the caller sees
 * what the database stored: scale, timestamp precision), and {@link ClaimCreated} is published inside it;
 * {@link ClaimsGateway} emits it only after commit. Thread safe; JDBC runs on the bounded elastic scheduler.
 */
@Service
final class ClaimService {

    private final ClaimRepository claims;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    ClaimService(ClaimRepository claims, PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
        this.claims = claims;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    Mono<Claim> create(CreateClaimRequest request, String username) {
        Claim draft = new Claim(null, request.title().trim(), request.description(), request.amount(),
                request.currency(), username, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return Blocking.call(() -> transactions.execute(status -> {
            Claim stored = claims.findById(claims.save(draft).id()).orElseThrow();
            events.publishEvent(new ClaimCreated(stored));
            return stored;
        }));
    }

    Mono<PageView<Claim>> list(int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        return Blocking.call(() -> PageView.of(claims.findAll(request), claim -> claim));
    }

    Mono<Claim> get(long id) {
        return Blocking.call(() -> claims.findById(id)
                .orElseThrow(() -> Problems.notFound("Claim " + id + " does not exist")));
    }
}
