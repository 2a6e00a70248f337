package dev.socketeer.server;

import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a Spring Boot test class on the machine's PostgreSQL, in a throw-away schema of its own
 * ({@link PostgresSchema}), dropped when the class's application context closes. Skipped when PostgreSQL does
 * not answer (failed instead when {@code SOCKETEER_REQUIRE_SERVICES} lists it): the condition runs before Spring
 * builds the context, which is what creates the schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@RequiresService(Service.POSTGRESQL)
@ContextCustomizerFactories(PostgresSchema.Customizers.class)
public @interface OnPostgres {
}
