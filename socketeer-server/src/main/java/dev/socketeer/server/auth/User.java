package dev.socketeer.server.auth;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A registered user (aggregate root of {@code app_user} and its {@code user_role} rows). Immutable. */
@Table("app_user")
record User(@Id Long id, String username, String passwordHash,
            @MappedCollection(idColumn = "user_id") Set<RoleGrant> roles, Instant createdAt) {

    /** One row of {@code user_role}. */
    @Table("user_role")
    record RoleGrant(Role role) {}

    static User create(String username, String passwordHash, Role role, Instant now) {
        return new User(null, username, passwordHash, Set.of(new RoleGrant(role)), now);
    }

    Set<Role> roleSet() {
        return roles.stream().map(RoleGrant::role).collect(Collectors.toUnmodifiableSet());
    }
}
