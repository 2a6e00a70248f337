package dev.socketeer.server.common;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.cors.*}: the browser origins allowed to call the REST API (and, through
 * socketeer-spring-boot, the Socket.IO endpoint). Defaults to the usual local front-end dev servers.
 */
@ConfigurationProperties("socketeer.cors")
public record CorsProperties(
        @DefaultValue({"http://localhost:3000", "http://localhost:5173"}) List<String> allowedOrigins) {}
