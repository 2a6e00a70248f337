package dev.socketeer.spring;

import dev.socketeer.core.SocketIoServer;

/**
 * Adjusts the {@link SocketIoServer.Builder} of the auto-configured server after the
 * {@code socketeer.*} properties were applied and before it is built, e.g. to set an adapter, an
 * {@code allowRequest} check or a {@link dev.socketeer.core.ServerListener}.
 *
 * <p>Lifecycle: every bean of this type is called once, in {@code @Order}, while the
 * {@code SocketIoServer} bean is created. Threading: called on the thread creating the bean.
 */
@FunctionalInterface
public interface SocketIoServerCustomizer {

    void customize(SocketIoServer.Builder builder);
}
