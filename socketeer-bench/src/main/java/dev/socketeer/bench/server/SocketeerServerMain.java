package dev.socketeer.bench.server;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.example.ExampleServer;
import java.util.concurrent.Executors;

/**
 * Runs Socketeer standalone with the "room" contract ({@link ExampleServer}) on 127.0.0.1 and a free
 * port (or {@code PORT}), prints {@code {"port":N}} and exits when stdin closes, like
 * {@code compat/reference-server.js --exit-with-stdin}. With {@code -Dbench.handlerThreads=N} user
 * handlers run on a fixed pool of N threads instead of the default {@code HandlerPool}; with
 * {@code -1} they run inline on the event loop that read the packet (as in Node, one thread). With
 * {@code SOCKETEER_REDIS_URL} set it joins a Redis cluster as the example server does
 * ({@link ExampleServer#clusterAdapter}), for the cluster scenarios.
 */
public final class SocketeerServerMain {
    /** System property: the size of a fixed handler pool (unset: Socketeer's default pool). */
    static final String HANDLER_THREADS = "bench.handlerThreads";

    private SocketeerServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
        SocketIoServer.Builder builder = SocketIoServer.builder().host("127.0.0.1").port(port);
        int handlerThreads = Integer.getInteger(HANDLER_THREADS, 0);
        if (handlerThreads < 0) {
            builder.handlerExecutor(Runnable::run);
        } else if (handlerThreads > 0) {
            // the "socketeer-fixed" variant: a fixed handler pool instead of the default cached one
            builder.handlerExecutor(Executors.newFixedThreadPool(handlerThreads, r -> {
                Thread t = new Thread(r, "bench-handler");
                t.setDaemon(true);
                return t;
            }));
        }
        AdapterFactory redis = ExampleServer.clusterAdapter(System.getenv());
        if (redis != null) {
            builder.adapter(redis);
        }
        SocketIoServer io = ExampleServer.create(builder).start();
        System.out.println("{\"port\":" + io.port() + "}");
        System.out.flush();
        StdinWatch.exitWhenClosed(() -> {
            io.close();
            if (redis instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("closing the cluster adapter: " + e);
                }
            }
        });
    }
}
