/**
 * Users, roles and tokens: {@code /api/v1/auth/register|login|me}, BCrypt passwords, HS256 JWTs issued with
 * Nimbus ({@code NimbusJwtEncoder}) and checked by the application's {@code ReactiveJwtDecoder} bean, the same
 * bean the Socket.IO handshake uses. Also the REST security chain (stateless, problem-detail 401/403).
 */
package dev.socketeer.server.auth;
