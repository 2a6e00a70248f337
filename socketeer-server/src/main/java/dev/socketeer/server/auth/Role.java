package dev.socketeer.server.auth;

/** What a user may do. Stored by name in {@code user_role.role} and carried in the JWT's {@code roles} claim. */
public enum Role {
    USER, ADMIN, DONOR, NGO;

    /** Whether a user may pick this role when registering; ADMIN is granted, never self-assigned. */
    boolean selfAssignable() {
        return this != ADMIN;
    }
}
