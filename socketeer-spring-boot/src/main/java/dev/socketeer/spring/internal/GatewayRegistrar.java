package dev.socketeer.spring.internal;

import dev.socketeer.core.Middleware;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.spring.AuthPolicy;
import dev.socketeer.spring.BeforeConnect;
import dev.socketeer.spring.HandshakeAuthentication;
import dev.socketeer.spring.OnConnect;
import dev.socketeer.spring.OnDisconnect;
import dev.socketeer.spring.OnEvent;
import dev.socketeer.spring.PayloadValidation;
import dev.socketeer.spring.SocketGateway;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link SocketGateway} beans once every singleton exists, and wires them to their
 * namespaces: the handshake authentication middleware per the strictest policy of a namespace's
 * gateways, then each gateway's {@code @BeforeConnect} methods as a connection middleware, then a
 * connection listener that registers the event handlers and calls the {@code @OnConnect} methods. The main namespace {@code "/"} gets the default policy when no gateway
 * claims it.
 *
 * <p>Lifecycle: runs once, before the server starts. Threading: runs on the context's thread.
 */
public final class GatewayRegistrar implements SmartInitializingSingleton {
    private final ListableBeanFactory beans;
    private final SocketIoServer server;
    private final AuthPolicy defaultPolicy;
    private final HandshakeAuthentication authentication;
    private final PayloadValidation validation;

    public GatewayRegistrar(ListableBeanFactory beans, SocketIoServer server, AuthPolicy defaultPolicy,
                            HandshakeAuthentication authentication, PayloadValidation validation) {
        this.beans = beans;
        this.server = server;
        this.defaultPolicy = defaultPolicy == AuthPolicy.DEFAULT ? AuthPolicy.NONE : defaultPolicy;
        this.authentication = authentication;
        this.validation = validation;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, List<GatewayBinding>> byNamespace = new LinkedHashMap<>();
        Map<String, AuthPolicy> policies = new LinkedHashMap<>();
        for (Object bean : beans.getBeansWithAnnotation(SocketGateway.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            SocketGateway gateway = AnnotatedElementUtils.findMergedAnnotation(type, SocketGateway.class);
            if (gateway == null) {
                continue;
            }
            String namespace = server.of(gateway.namespace()).name();
            AuthPolicy policy = gateway.auth() == AuthPolicy.DEFAULT ? defaultPolicy : gateway.auth();
            policies.merge(namespace, policy, GatewayRegistrar::stricter);
            byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(binding(bean, type));
        }
        policies.putIfAbsent("/", defaultPolicy);
        policies.forEach(this::secure);
        byNamespace.forEach((name, bindings) -> {
            requireOneOwnerPerEvent(name, bindings);
            Namespace namespace = server.of(name);
            // after the authentication middleware (added above), so @BeforeConnect sees the principal
            bindings.stream().filter(GatewayBinding::hasBeforeConnect).forEach(b -> namespace.use(b::beforeConnect));
            namespace.onConnection(socket -> bindings.forEach(b -> b.attach(socket)));
        });
    }

    private void secure(String namespace, AuthPolicy policy) {
        if (policy == AuthPolicy.NONE) {
            return;
        }
        if (authentication == null) {
            throw new IllegalStateException("socketeer: namespace " + namespace + " requires authentication ("
                    + policy + ") but there is no ReactiveJwtDecoder bean (add spring-boot-starter-security-"
                    + "oauth2-resource-server and configure a decoder)");
        }
        Middleware middleware = authentication.middleware(policy);
        server.of(namespace).use(middleware);
    }

    private GatewayBinding binding(Object bean, Class<?> type) {
        List<HandlerMethod> beforeConnect = new ArrayList<>();
        List<HandlerMethod> connect = new ArrayList<>();
        List<HandlerMethod> disconnect = new ArrayList<>();
        Map<String, HandlerMethod> events = new LinkedHashMap<>();
        for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
            Method invocable = AopUtils.selectInvocableMethod(m, bean.getClass());
            if (AnnotatedElementUtils.hasAnnotation(m, BeforeConnect.class)) {
                beforeConnect.add(middlewareMethod(bean, invocable));
            }
            if (AnnotatedElementUtils.hasAnnotation(m, OnConnect.class)) {
                connect.add(new HandlerMethod(bean, invocable));
            }
            if (AnnotatedElementUtils.hasAnnotation(m, OnDisconnect.class)) {
                disconnect.add(new HandlerMethod(bean, invocable));
            }
            OnEvent on = AnnotatedElementUtils.findMergedAnnotation(m, OnEvent.class);
            if (on != null) {
                HandlerMethod handler = new HandlerMethod(bean, invocable);
                HandlerMethod other = events.put(on.value(), handler);
                if (other != null) {
                    throw twoOwners(on.value(), gatewayNamespace(type), other, handler);
                }
            }
        }
        return new GatewayBinding(beforeConnect, connect, disconnect, events, validation, server.payloadMapper());
    }

    /** A {@code @BeforeConnect} method: returns nothing and takes no payload (there is none before CONNECT). */
    private static HandlerMethod middlewareMethod(Object bean, Method method) {
        HandlerMethod handler = new HandlerMethod(bean, method);
        if (handler.returnsValue() || handler.payloadType() != null) {
            throw new IllegalStateException(handler.describe() + ": a @BeforeConnect method must return void and"
                    + " take only the Socket and the principal");
        }
        return handler;
    }

    /** Two gateways of one namespace handling one event would race to answer it: a startup error instead. */
    private static void requireOneOwnerPerEvent(String namespace, List<GatewayBinding> bindings) {
        Map<String, HandlerMethod> owners = new LinkedHashMap<>();
        for (GatewayBinding binding : bindings) {
            binding.events().forEach((event, handler) -> {
                HandlerMethod other = owners.putIfAbsent(event, handler);
                if (other != null) {
                    throw twoOwners(event, namespace, other, handler);
                }
            });
        }
    }

    private static IllegalStateException twoOwners(String event, String namespace, HandlerMethod a, HandlerMethod b) {
        return new IllegalStateException("socketeer: event \"" + event + "\" of namespace " + namespace
                + " has two handlers, " + a.describe() + " and " + b.describe() + ": an event has one owner");
    }

    private static String gatewayNamespace(Class<?> type) {
        SocketGateway gateway = AnnotatedElementUtils.findMergedAnnotation(type, SocketGateway.class);
        return gateway == null ? "?" : gateway.namespace();
    }

    private static AuthPolicy stricter(AuthPolicy a, AuthPolicy b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
