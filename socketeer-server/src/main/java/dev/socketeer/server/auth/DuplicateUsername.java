package dev.socketeer.server.auth;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Recognises the unique constraint on {@code app_user.username} refusing an insert, however it surfaces: a
 * bare {@code DuplicateKeyException} (Spring Data JDBC 4, H2 and PostgreSQL alike), the same wrapped in a
 * {@code DbActionExecutionException} (Spring Data JDBC 3), or a plain {@link DataIntegrityViolationException}
 * from a driver whose error codes Spring does not map to "duplicate". Callers confirm with a read that the name
 * now exists before answering 409. Stateless.
 */
final class DuplicateUsername {

    private DuplicateUsername() {}

    /** Whether {@code error} or one of its causes is an integrity violation. */
    static boolean isRace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataIntegrityViolationException) return true;
        }
        return false;
    }
}
