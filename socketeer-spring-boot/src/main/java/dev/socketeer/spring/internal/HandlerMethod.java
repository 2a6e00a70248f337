package dev.socketeer.spring.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Socket;
import dev.socketeer.spring.AuthPrincipal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.security.Principal;
import tools.jackson.databind.JsonNode;

/**
 * One gateway method and how to fill its parameters. Immutable after construction; thread safe.
 */
final class HandlerMethod {
    enum Kind { SOCKET, ACK, REASON, PRINCIPAL, ARGS, PAYLOAD }

    private static final String JWT = "org.springframework.security.oauth2.jwt.Jwt";

    private final Object bean;
    private final Method method;
    private final Kind[] kinds;
    private final Class<?>[] types;
    private final Class<?> payloadType;
    private final boolean validated;
    private final HandlerAccess access;

    HandlerMethod(Object bean, Method method) {
        this.bean = bean;
        this.method = method;
        method.setAccessible(true);
        Parameter[] params = method.getParameters();
        this.kinds = new Kind[params.length];
        this.types = method.getParameterTypes();
        Class<?> payload = null;
        boolean valid = false;
        for (int i = 0; i < params.length; i++) {
            kinds[i] = kindOf(params[i]);
            if (kinds[i] == Kind.PAYLOAD) {
                if (payload != null) {
                    throw new IllegalStateException(describe() + ": more than one payload parameter ("
                            + payload.getSimpleName() + ", " + types[i].getSimpleName() + ")");
                }
                payload = types[i];
                valid = isValidated(params[i]);
            }
        }
        this.access = HandlerAccess.of(method);
        this.payloadType = payload;
        this.validated = valid;
    }

    /** Whether the payload parameter asks for validation: {@code @Valid} or Spring's {@code @Validated}. */
    private static boolean isValidated(Parameter p) {
        for (java.lang.annotation.Annotation a : p.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.equals("jakarta.validation.Valid") || name.equals("org.springframework.validation.annotation.Validated")) {
                return true;
            }
        }
        return false;
    }

    private static Kind kindOf(Parameter p) {
        Class<?> t = p.getType();
        if (Socket.class.isAssignableFrom(t)) {
            return Kind.SOCKET;
        } else if (Ack.class.isAssignableFrom(t)) {
            return Kind.ACK;
        } else if (t == DisconnectReason.class) {
            return Kind.REASON;
        } else if (p.isAnnotationPresent(AuthPrincipal.class) || Principal.class.isAssignableFrom(t)
                || t.getName().equals(JWT)) {
            return Kind.PRINCIPAL;
        } else if (JsonNode.class.isAssignableFrom(t)) {
            return Kind.ARGS;
        }
        return Kind.PAYLOAD;
    }

    /** The payload parameter's type, or null when the method takes none. */
    Class<?> payloadType() {
        return payloadType;
    }

    /** Why {@code socket} may not call this handler, or null when it may ({@link HandlerAccess}). */
    dev.socketeer.spring.SocketError refusal(Socket socket) {
        return access.refusal(socket);
    }

    boolean validated() {
        return validated;
    }

    boolean returnsValue() {
        return method.getReturnType() != void.class && method.getReturnType() != Void.class;
    }

    /** Calls the method; an exception thrown by it is rethrown unwrapped. */
    Object invoke(Socket socket, JsonNode args, Object payload, Ack ack, DisconnectReason reason) throws Throwable {
        Object[] values = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            values[i] = switch (kinds[i]) {
                case SOCKET -> socket;
                case ACK -> ack;
                case REASON -> reason;
                case PRINCIPAL -> Principals.resolve(socket, types[i]);
                case ARGS -> args;
                case PAYLOAD -> payload;
            };
        }
        try {
            return method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
