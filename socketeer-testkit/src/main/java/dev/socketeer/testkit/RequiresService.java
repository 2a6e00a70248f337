package dev.socketeer.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class (or method) only when every listed external {@link Service} answers: a
 * TCP connect to its host and port ({@link Service#address()}) within a short timeout. Otherwise the
 * tests are skipped, before any other extension runs (Spring starts no context, {@code @BeforeAll} does
 * not run), and a one-time warning per service goes to standard error.
 *
 * <p>Where the service must be there (CI), list it in the environment variable
 * {@value ServiceCondition#REQUIRE_ENV} ({@code postgresql,redis}, or {@code all}): a service that does
 * not answer then fails the tests instead of skipping them.
 *
 * <p>Do not touch the service in static initializers of the annotated class: the class may be loaded
 * while the condition skips it. Create schemas and connections lazily, e.g. in a
 * {@code @DynamicPropertySource} method or {@code @BeforeAll}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ServiceCondition.class)
public @interface RequiresService {

    /** The services that must answer. */
    Service[] value();
}
