package dev.socketeer.engine;

import dev.socketeer.engine.spi.SendBatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine behind TLS (an {@code SslHandler} in front of the HTTP codec, as a Spring Boot server with
 * {@code server.ssl} has it), with the JDK's websocket client over {@code wss://}. A message sent to
 * several sessions is encoded once and its frame bytes written below the frame encoder: they must still
 * pass the TLS handler, or the client sees plaintext in its TLS stream and drops the connection.
 */
class TlsWebSocketTest {
    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    static Path dir;

    private static EventLoopGroup group;
    private static Channel server;
    private static HttpClient client;
    private static final BlockingQueue<EngineSocket> sockets = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        KeyStore keys = selfSignedFor127001(dir.resolve("keys.p12"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SslContext ssl = SslContextBuilder.forServer(kmf).build();
        EngineServer engine = new EngineServer(EngineOptions.newBuilder().build(), sockets::add);
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        engine.addHandlers(ch.pipeline());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static KeyStore selfSignedFor127001(Path file) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: %s", out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    @Test
    void aMessageSentToManySessionsReachesEachOverTls() throws Exception {
        String url = "wss://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort()
                + "/socket.io/?EIO=4&transport=websocket";
        List<WsRecorder> clients = new ArrayList<>();
        List<EngineSocket> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsRecorder ws = WsRecorder.connect(client, url);
            assertThat(ws.next()).startsWith("0{\"sid\":");
            clients.add(ws);
            opened.add(sockets.poll(5, TimeUnit.SECONDS));
        }
        EngineMessage small = EngineMessage.text("hello over tls");
        EngineMessage large = EngineMessage.text("x".repeat(70_000)); // more than one TLS record
        SendBatching.batchSends(() -> opened.forEach(s -> s.send(small))); // a broadcast: one hand-off per loop
        opened.forEach(s -> s.send(large)); // sends one by one, the frame shared after the first
        opened.forEach(s -> s.send(small)); // the frame of a message already sent is reused
        for (WsRecorder ws : clients) {
            assertThat(ws.next()).isEqualTo("4hello over tls");
            assertThat(ws.next()).isEqualTo("4" + "x".repeat(70_000));
            assertThat(ws.next()).isEqualTo("4hello over tls");
        }
        // the connections are still good both ways: the client's message comes back as the server's echo
        EngineSocket first = opened.get(0);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        first.setListener(new EngineSocket.Listener() {
            @Override
            public void onMessage(EngineSocket s, EngineMessage message) {
                received.add(message.text());
                s.send(message);
            }

            @Override
            public void onClose(EngineSocket s, CloseReason reason, String description) {
            }
        });
        clients.get(0).send("4ping over tls");
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("ping over tls");
        assertThat(clients.get(0).next()).isEqualTo("4ping over tls");
        assertThat(clients).allSatisfy(ws -> assertThat(ws.closed).isNotDone());
    }
}
