package dev.socketeer.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Socketeer's deployable reference server: one Spring Boot WebFlux application serving the REST API,
 * Actuator and Socket.IO on one port, packaged by feature ({@code auth}, {@code claims}, {@code hub},
 * {@code customers}, {@code whatsapp}, {@code notifications}, {@code donations}, {@code common}; {@code bench}
 * holds the benchmark profile's startup check).
 *
 * <p>Run with {@code java -jar socketeer-server/target/socketeer-server.jar}; see the module README for
 * configuration keys and profiles.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketeerServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SocketeerServerApplication.class, args);
    }
}
