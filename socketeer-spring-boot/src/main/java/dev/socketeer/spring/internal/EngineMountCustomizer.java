package dev.socketeer.spring.internal;

import dev.socketeer.core.SocketIoServer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Mounts the Engine.IO endpoint on the WebFlux Reactor Netty server: on every new HTTP/1.1 connection
 * it puts the engine's head and request timeouts ({@code EngineServer#newHttpTimeoutHandler}, for every request
 * of the port), {@link EngineMountHandler} and the engine's HTTP handler right after Reactor's HTTP codec,
 * before its {@code HttpTrafficHandler}. Requests under the engine path are served there; all others
 * go on to Reactor (REST, SSE, WebFlux websockets) untouched. Connections without Reactor's HTTP/1.1
 * traffic handler (HTTP/2) are left alone.
 *
 * <p>Threading: the channel-init callback runs on the new connection's event loop.
 */
public final class EngineMountCustomizer implements NettyServerCustomizer {
    private static final Logger log = LoggerFactory.getLogger(EngineMountCustomizer.class);
    static final String MOUNT = "socketeer.mount";
    static final String ENGINE = "socketeer.engine";
    static final String DEFLATE = "socketeer.wsDeflate";
    static final String TIMEOUTS = "socketeer.httpTimeouts";

    private final SocketIoServer server;

    public EngineMountCustomizer(SocketIoServer server) {
        this.server = server;
    }

    @Override
    public HttpServer apply(HttpServer httpServer) {
        return httpServer.doOnChannelInit((observer, channel, address) -> mount(channel.pipeline()));
    }

    void mount(ChannelPipeline p) {
        if (p.get(NettyPipeline.HttpCodec) == null || p.get(NettyPipeline.HttpTrafficHandler) == null) {
            log.debug("not an HTTP/1.1 pipeline, Socket.IO not mounted on {}", p.channel());
            return;
        }
        // Node's headersTimeout and requestTimeout for every request of the port (Reactor Netty has no head timeout)
        p.addAfter(NettyPipeline.HttpCodec, TIMEOUTS, server.engine().newHttpTimeoutHandler());
        p.addBefore(NettyPipeline.HttpTrafficHandler, MOUNT, new EngineMountHandler(server.engine()));
        if (server.engine().options().perMessageDeflate()) {
            p.addBefore(NettyPipeline.HttpTrafficHandler, DEFLATE, new WebSocketServerCompressionHandler(0));
        }
        p.addBefore(NettyPipeline.HttpTrafficHandler, ENGINE, server.engine().newHttpHandler());
    }
}
