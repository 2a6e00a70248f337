package dev.socketeer.bench.server;

import dev.socketeer.engine.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;

/**
 * The ceiling: a plain Netty websocket server on {@code /ws} with the "room" contract as bare JSON
 * arrays (see {@link PlainContractHandler}) and no Engine.IO / Socket.IO framing, heartbeat or handler
 * executor. Same process contract as {@link SocketeerServerMain}.
 */
public final class PlainServerMain {
    private PlainServerMain() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NettyTransport.preferred().ioHandlerFactory());
        PlainContractHandler.Rooms rooms = new PlainContractHandler.Rooms();
        Channel server = new ServerBootstrap().group(group).channel(NettyTransport.preferred().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler("/ws"), new PlainContractHandler(rooms));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        System.out.println("{\"port\":" + ((InetSocketAddress) server.localAddress()).getPort() + "}");
        System.out.flush();
        StdinWatch.exitWhenClosed(() -> {
            server.close().syncUninterruptibly();
            group.shutdownGracefully();
        });
    }
}
