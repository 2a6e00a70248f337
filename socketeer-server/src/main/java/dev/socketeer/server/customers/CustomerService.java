package dev.socketeer.server.customers;

import dev.socketeer.server.common.Blocking;
import dev.socketeer.server.common.PageView;
import dev.socketeer.server.common.Problems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Customers: create, read, change, delete. A change is one conditional {@code UPDATE} and a read of what was
 * stored, in one transaction that also publishes {@link CustomerUpdated}, so {@code customerUpdated} leaves
 * only after commit and carries the stored values. Times are kept to the microsecond (what both databases
 * store). Thread safe; JDBC runs on the bounded elastic scheduler.
 */
@Service
final class CustomerService {
    private final CustomerRepository customers;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CustomerService(CustomerRepository customers, PlatformTransactionManager transactionManager,
                    ApplicationEventPublisher events) {
        this.customers = customers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    Mono<Customer> create(CustomerRequests.Create request) {
        Instant now = now();
        Customer draft = new Customer(null, request.name().trim(), request.email().trim(), blankToNull(request.phone()),
                now, now);
        return Blocking.call(() -> transactions.execute(status ->
                customers.findById(customers.save(draft).id()).orElseThrow()));
    }

    Mono<PageView<Customer>> list(int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        return Blocking.call(() -> PageView.of(customers.findAll(request), c -> c));
    }

    Mono<Customer> get(long id) {
        return Blocking.call(() -> customers.findById(id).orElseThrow(() -> notFound(id)));
    }

    Mono<Customer> update(long id, CustomerRequests.Update request) {
        String name = request.name() == null ? null : request.name().trim();
        String email = request.email() == null ? null : request.email().trim();
        boolean phoneGiven = request.phone() != null;
        String phone = blankToNull(request.phone());
        return Blocking.call(() -> transactions.execute(status -> {
            if (customers.update(id, name, email, phoneGiven, phone, now()) == 0) {
                throw notFound(id);
            }
            Customer stored = customers.findById(id).orElseThrow();
            Map<String, Object> changes = new LinkedHashMap<>();
            if (name != null) changes.put("name", stored.name());
            if (email != null) changes.put("email", stored.email());
            if (phoneGiven) changes.put("phone", stored.phone());
            events.publishEvent(new CustomerUpdated(id, changes, stored.updatedAt()));
            return stored;
        }));
    }

    Mono<Void> delete(long id) {
        return Blocking.call(() -> transactions.execute(status -> {
            if (!customers.existsById(id)) {
                throw notFound(id);
            }
            customers.deleteById(id);
            return null;
        })).then();
    }

    private static ErrorResponseException notFound(long id) {
        return Problems.notFound("Customer " + id + " does not exist");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
