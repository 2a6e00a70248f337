package dev.socketeer.core;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture the end-to-end tests share, as a JUnit extension: one Node driver per test class (started on
 * first use, closed after the class) and the {@link LiveServer}s a test starts (closed after the test).
 * Register it with {@code @RegisterExtension static final EndToEnd e2e = new EndToEnd();}; it runs its
 * callbacks before {@code @ExtendWith(LeakGuard.class)} checks for leaks.
 *
 * <p>Threading: used from the test thread only.
 */
final class EndToEnd implements AfterEachCallback, AfterAllCallback {
    private final List<LiveServer> servers = new ArrayList<>();
    private NodeDriver driver;

    /** The Node driver of this test class. */
    NodeDriver driver() {
        if (driver == null) {
            driver = new NodeDriver();
        }
        return driver;
    }

    /** Starts a server with default options, closed after the test. */
    LiveServer start(Consumer<SocketIoServer> setup) {
        return start(SocketIoServer.builder(), setup);
    }

    /** Builds a server on 127.0.0.1 and a free port, lets {@code setup} register listeners, starts it; closed after the test. */
    LiveServer start(SocketIoServer.Builder builder, Consumer<SocketIoServer> setup) {
        LiveServer server = LiveServer.start(builder, setup);
        servers.add(server);
        return server;
    }

    /** Connects a Node client to {@code url} and waits {@link LiveServer#WAIT} for it to connect. */
    NodeClient connect(String url, Map<String, Object> options) {
        NodeClient client = driver().connect(url, options);
        client.awaitConnect(LiveServer.WAIT);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        servers.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }
}
