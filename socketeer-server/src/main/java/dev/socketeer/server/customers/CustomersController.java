package dev.socketeer.server.customers;

import dev.socketeer.server.common.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/customers}: create (201 + Location), list newest first (paged), get, change (PATCH, then
 * {@code customerUpdated} to every client of {@code /}), delete (204). ADMIN or API key ({@link CustomersSecurity}).
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomersController {
    private final CustomerService customers;

    CustomersController(CustomerService customers) {
        this.customers = customers;
    }

    @PostMapping
    Mono<ResponseEntity<Customer>> create(@Valid @RequestBody CustomerRequests.Create request) {
        return customers.create(request)
                .map(c -> ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).body(c));
    }

    @GetMapping
    Mono<PageView<Customer>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return customers.list(page, size);
    }

    @GetMapping("/{id}")
    Mono<Customer> get(@PathVariable long id) {
        return customers.get(id);
    }

    @PatchMapping("/{id}")
    Mono<Customer> update(@PathVariable long id, @Valid @RequestBody CustomerRequests.Update request) {
        return customers.update(id, request);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable long id) {
        return customers.delete(id).then(Mono.just(ResponseEntity.noContent().build()));
    }
}
