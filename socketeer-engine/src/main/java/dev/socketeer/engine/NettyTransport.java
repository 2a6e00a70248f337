package dev.socketeer.engine;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Netty transport a standalone server runs on: Linux's native epoll when its library loads (fewer
 * copies and system calls per write than JDK NIO), JDK NIO otherwise. The system property
 * {@code socketeer.transport} ({@code nio} or {@code epoll}) overrides the choice; asking for epoll where
 * it is not available falls back to NIO with the reason in {@link #unavailabilityCause()}.
 *
 * <p>Threading: immutable constants; safe from any thread.
 */
public enum NettyTransport {
    /** JDK NIO selectors: every platform. */
    NIO,
    /** Netty's native epoll transport: Linux x86_64 with {@code netty-transport-native-epoll} on the class path. */
    EPOLL;

    /** The system property that forces a transport: {@code nio} or {@code epoll}. */
    public static final String PROPERTY = "socketeer.transport";

    /** The transport to use: the property if set (and available), else epoll when available, else NIO. */
    public static NettyTransport preferred() {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("nio")) {
            return NIO;
        }
        return epollAvailable() ? EPOLL : NIO;
    }

    /** Why epoll cannot be used here, or {@code null} when it can. */
    public static @Nullable Throwable unavailabilityCause() {
        try {
            return Epoll.unavailabilityCause();
        } catch (LinkageError e) {
            return e;
        }
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the classes jar without its native library
        }
    }

    /** The I/O handler factory for event loop groups of this transport. */
    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The listening channel class of this transport. */
    public Class<? extends ServerChannel> serverChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client channel class of this transport (for clients such as load generators). */
    public Class<? extends SocketChannel> socketChannelClass() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
