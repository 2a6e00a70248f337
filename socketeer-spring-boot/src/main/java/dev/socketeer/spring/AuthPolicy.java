package dev.socketeer.spring;

/**
 * Whether a namespace requires a JWT in the handshake (see {@link SocketGateway#auth()}).
 *
 * <p>The token is read from {@code auth.token}, an {@code Authorization: Bearer} header, or a
 * {@code token} query parameter, and verified by the application's {@code ReactiveJwtDecoder}. A
 * refused connection gets {@code CONNECT_ERROR {"message":"Unauthorized","data":{"reason":...}}}
 * with reason {@code missing token}, {@code expired}, {@code invalid signature}, {@code not yet valid},
 * {@code unknown user} (a decoder that checks the token's user says so in its error) or
 * {@code invalid token}. Immutable.
 */
public enum AuthPolicy {
    /** A valid token is required. */
    REQUIRED,
    /** No token is fine (no principal); a token that is present must be valid. */
    OPTIONAL,
    /** Tokens are not looked at. */
    NONE,
    /** The configured default ({@code socketeer.auth.default-policy}, {@code none} unless set). */
    DEFAULT
}
