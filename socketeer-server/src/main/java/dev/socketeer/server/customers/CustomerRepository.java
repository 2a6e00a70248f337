package dev.socketeer.server.customers;

import java.time.Instant;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Customers in table {@code customer}. Blocking: call through {@code Blocking.call}. */
interface CustomerRepository extends ListCrudRepository<Customer, Long>, ListPagingAndSortingRepository<Customer, Long> {

    /**
     * Changes the given fields in one statement (a null name or email is left as it is; the phone only with
     * {@code phoneGiven}), so concurrent updates of different fields never undo each other; 1 if the customer
     * exists, else 0.
     */
    @Modifying
    @Query("""
            UPDATE customer SET name = COALESCE(:name, name), email = COALESCE(:email, email),
                   phone = CASE WHEN :phoneGiven THEN :phone ELSE phone END, updated_at = :now
            WHERE id = :id""")
    int update(long id, String name, String email, boolean phoneGiven, String phone, Instant now);
}
