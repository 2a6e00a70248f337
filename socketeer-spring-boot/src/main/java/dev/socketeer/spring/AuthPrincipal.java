package dev.socketeer.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a gateway handler parameter that receives the authenticated principal of the socket: the
 * {@code Authentication} stored under {@link SocketPrincipal#KEY}, or its {@code Jwt} when the
 * parameter is of that type; {@code null} when the handshake carried no token.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuthPrincipal {
}
