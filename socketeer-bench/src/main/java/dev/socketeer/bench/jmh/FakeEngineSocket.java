package dev.socketeer.bench.jmh;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.EngineTransport;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link EngineSocket} for micro-benchmarks: records how many messages and bytes it was
 * given instead of writing them. Single-threaded use only (the benchmark runs everything inline).
 */
final class FakeEngineSocket implements EngineSocket {
    private static final EngineRequest REQUEST = new EngineRequest("/socket.io/?EIO=4&transport=websocket",
            Map.of("host", List.of("127.0.0.1")), Map.of("EIO", List.of("4"), "transport", List.of("websocket")),
            new InetSocketAddress("127.0.0.1", 40000), false);

    private final String id;
    private final EventLoop loop;
    private Listener listener;
    long messages;
    long bytes;

    FakeEngineSocket(String id, EventLoop loop) {
        this.id = id;
        this.loop = loop;
    }

    Listener listener() {
        return listener;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public EngineTransport transport() {
        return EngineTransport.WEBSOCKET;
    }

    @Override
    public EngineRequest request() {
        return REQUEST;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void send(List<EngineMessage> list) {
        for (EngineMessage m : list) {
            messages++;
            // about what the websocket transport writes ("4" + text, UTF-16 units: the fake must stay cheap)
            bytes += m.isBinary() ? m.binary().length : (m.text().length() + 1);
        }
    }

    @Override
    public boolean sendVolatile(List<EngineMessage> list) {
        send(list);
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }
}
