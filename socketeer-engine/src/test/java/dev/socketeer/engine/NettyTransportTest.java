package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone server's transport: native epoll on Linux x86_64, NIO when asked for (and everywhere else). */
@ExtendWith(LeakGuard.class)
class NettyTransportTest {

    @Test
    void epollIsPreferredOnLinuxX86() {
        boolean linuxX86 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxX86) {
            assertThat(NettyTransport.unavailabilityCause()).isNull();
            assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.EPOLL);
        } else {
            assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.NIO);
        }
    }

    @Test
    void theNioFallbackServesWebsockets() throws Exception {
        String before = System.getProperty(NettyTransport.PROPERTY);
        System.setProperty(NettyTransport.PROPERTY, "nio");
        EngineTestServer server;
        try {
            assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.NIO);
            server = new EngineTestServer();
        } finally {
            if (before == null) {
                System.clearProperty(NettyTransport.PROPERTY);
            } else {
                System.setProperty(NettyTransport.PROPERTY, before);
            }
        }
        try {
            WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
            assertThat(ws.next()).startsWith("0{\"sid\":");
            EngineSocket socket = server.connections.take();
            socket.send(EngineMessage.text("hello"));
            assertThat(ws.next()).isEqualTo("4hello");
        } finally {
            server.close();
        }
    }
}
