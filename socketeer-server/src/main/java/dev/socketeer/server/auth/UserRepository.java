package dev.socketeer.server.auth;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** Users by id and by (lower-case) username. Blocking: call through {@code Blocking.call}. */
interface UserRepository extends ListCrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByIdAndUsername(long id, String username);
}
