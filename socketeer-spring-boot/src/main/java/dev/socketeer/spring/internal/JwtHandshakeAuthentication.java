package dev.socketeer.spring.internal;

import dev.socketeer.core.Middleware;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.HandshakeAuthentication;
import dev.socketeer.spring.SocketPrincipal;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Verifies the handshake's JWT with the application's {@link ReactiveJwtDecoder} (without blocking)
 * and stores the resulting {@code JwtAuthenticationToken} under {@link SocketPrincipal#KEY}. A refusal
 * is {@code CONNECT_ERROR {"message":"Unauthorized","data":{"reason":...}}}, the reason one of
 * {@code "missing token"}, {@code "expired"}, {@code "invalid signature"}, {@code "not yet valid"},
 * {@code "unknown user"} (a decoder that checks the token's user says {@code unknown user} in its error) and
 * {@code "invalid token"}.
 *
 * <p>Threading: thread safe; the middleware continues on whichever thread the decoder completes.
 */
public final class JwtHandshakeAuthentication implements HandshakeAuthentication {
    static final String UNAUTHORIZED = "Unauthorized";
    private static final Logger log = LoggerFactory.getLogger(JwtHandshakeAuthentication.class);

    private final ObjectProvider<ReactiveJwtDecoder> decoders;
    private final ObjectProvider<JwtAuthenticationConverter> converters;

    /**
     * Verifies tokens with the application's decoder and turns them into authentications with its
     * {@link JwtAuthenticationConverter} bean (the one its REST security uses, so a socket has the same
     * authorities), or with a default converter ({@code scope} claims) when it has none.
     */
    public JwtHandshakeAuthentication(ObjectProvider<ReactiveJwtDecoder> decoders,
                                      ObjectProvider<JwtAuthenticationConverter> converters) {
        this.decoders = decoders;
        this.converters = converters;
    }

    @Override
    public Middleware middleware(AuthPolicy policy) {
        ReactiveJwtDecoder decoder = decoders.getIfUnique();
        if (decoder == null) {
            throw new IllegalStateException("socketeer: authentication policy " + policy
                    + " needs exactly one ReactiveJwtDecoder bean, found none or several");
        }
        JwtAuthenticationConverter converter = converters.getIfUnique(JwtAuthenticationConverter::new);
        return (socket, next) -> {
            String token = HandshakeTokens.find(socket.handshake());
            if (token == null) {
                if (policy == AuthPolicy.REQUIRED) {
                    refuse(next, "missing token");
                } else {
                    next.proceed();
                }
                return;
            }
            decoder.decode(token).subscribe(jwt -> {
                socket.data().put(SocketPrincipal.KEY, converter.convert(jwt));
                next.proceed();
            }, error -> {
                log.debug("handshake token of {} refused", socket, error);
                refuse(next, reason(error));
            });
        };
    }

    private static void refuse(Middleware.Next next, String reason) {
        next.fail(UNAUTHORIZED, Map.of("reason", reason));
    }

    /** A short reason for the client, from the decoder's error and its causes; never their full text. */
    static String reason(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable e = error; e != null && all.length() < 4096; e = e.getCause() == e ? null : e.getCause()) {
            all.append(e.getMessage()).append('\n');
        }
        String message = all.toString().toLowerCase(Locale.ROOT);
        if (message.contains("expired")) {
            return "expired";
        } else if (message.contains("signature")) {
            return "invalid signature";
        } else if (message.contains("not before") || message.contains("nbf")) {
            return "not yet valid";
        } else if (message.contains("unknown user")) {
            return "unknown user";
        }
        return "invalid token";
    }
}
