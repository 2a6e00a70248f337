package dev.socketeer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin policy for the Engine.IO endpoint: which browser origins may use the long-polling
 * transport (CORS headers) and open websockets (Origin check on the upgrade).
 *
 * <p>Without a {@code CorsOptions} the server sends no CORS headers, like Node, and accepts a
 * websocket only from a page of its own origin (or from a client that sends no {@code Origin}, such as
 * a native or Node client). Immutable; safe to share across threads.
 */
public final class CorsOptions {
    private final Set<String> allowedOrigins;
    private final boolean allowAnyOrigin;
    private final boolean allowCredentials;
    private final List<String> allowedHeaders;
    private final List<String> exposedHeaders;
    private final @Nullable Duration maxAge;

    private CorsOptions(Builder b) {
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.allowAnyOrigin = allowedOrigins.contains("*");
        this.allowCredentials = b.allowCredentials;
        this.allowedHeaders = List.copyOf(b.allowedHeaders);
        this.exposedHeaders = List.copyOf(b.exposedHeaders);
        this.maxAge = b.maxAge;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** Whether a request from this origin (the {@code Origin} header value) is allowed. */
    public boolean isAllowed(String origin) {
        return origin != null && (allowAnyOrigin || allowedOrigins.contains(origin));
    }

    public boolean allowAnyOrigin() {
        return allowAnyOrigin;
    }

    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public boolean allowCredentials() {
        return allowCredentials;
    }

    public List<String> allowedHeaders() {
        return allowedHeaders;
    }

    public List<String> exposedHeaders() {
        return exposedHeaders;
    }

    /** How long browsers may cache a preflight answer, or {@code null} for no {@code Access-Control-Max-Age}. */
    public @Nullable Duration maxAge() {
        return maxAge;
    }

    /** Builds {@link CorsOptions}. Not thread safe. */
    public static final class Builder {
        private Set<String> allowedOrigins = Set.of();
        private boolean allowCredentials;
        private List<String> allowedHeaders = List.of();
        private List<String> exposedHeaders = List.of();
        private @Nullable Duration maxAge;

        private Builder() {
        }

        /** Exact origins such as {@code http://localhost:5173}; {@code "*"} allows any origin. */
        public Builder allowedOrigins(String... origins) {
            return allowedOrigins(List.of(origins));
        }

        public Builder allowedOrigins(java.util.Collection<String> origins) {
            for (String o : origins) {
                Objects.requireNonNull(o, "origin");
                if (!o.equals("*") && (o.endsWith("/") || !o.contains("://"))) {
                    throw new IllegalArgumentException("allowedOrigins: '" + o
                            + "' is not an origin (scheme://host[:port], no trailing slash)");
                }
            }
            this.allowedOrigins = Set.copyOf(origins);
            return this;
        }

        public Builder allowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
            return this;
        }

        public Builder allowedHeaders(String... headers) {
            this.allowedHeaders = List.of(headers);
            return this;
        }

        public Builder exposedHeaders(String... headers) {
            this.exposedHeaders = List.of(headers);
            return this;
        }

        public Builder maxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public CorsOptions build() {
            if (allowCredentials && allowedOrigins.contains("*")) {
                throw new IllegalArgumentException(
                        "allowCredentials: credentials cannot be combined with allowedOrigins(\"*\")");
            }
            return new CorsOptions(this);
        }
    }
}
