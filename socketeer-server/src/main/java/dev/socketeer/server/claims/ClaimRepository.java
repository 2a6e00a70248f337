package dev.socketeer.server.claims;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Claims in table {@code claim}. Blocking: call through {@code Blocking.call}. */
interface ClaimRepository extends ListCrudRepository<Claim, Long>, ListPagingAndSortingRepository<Claim, Long> {}
