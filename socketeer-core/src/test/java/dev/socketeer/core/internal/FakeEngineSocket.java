package dev.socketeer.core.internal;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.EngineTransport;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory engine session: records what the server sends; the test plays the client. */
final class FakeEngineSocket implements EngineSocket {
    /** Engine callbacks run on an event loop, as the real engine's do. */
    private static final EventLoop LOOP = new DefaultEventLoop(new DefaultThreadFactory("fake-engine", true));
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    volatile boolean open = true;
    /** What {@link #setReading} was told, in order. */
    final List<Boolean> readingCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean reading = true;
    volatile Listener listener;

    @Override
    public String id() {
        return "fake-session-id-00000";
    }

    @Override
    public EngineTransport transport() {
        return EngineTransport.WEBSOCKET;
    }

    @Override
    public EngineRequest request() {
        return new EngineRequest("/socket.io/?EIO=4&transport=websocket", Map.of(), Map.of("EIO", java.util.List.of("4")),
                new InetSocketAddress("127.0.0.1", 40000), false);
    }

    @Override
    public EventLoop eventLoop() {
        return LOOP;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void send(List<EngineMessage> messages) {
        messages.forEach(m -> sent.add(m.isBinary() ? "<binary>" : m.text()));
    }

    @Override
    public boolean sendVolatile(List<EngineMessage> messages) {
        send(messages);
        return true;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            LOOP.execute(() -> listener.onClose(this, CloseReason.FORCED_CLOSE, null));
        }
    }

    @Override
    public void setReading(boolean reading) {
        readingCalls.add(reading);
        this.reading = reading;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Runs {@code round} on the engine's loop as one task, like the packets of one read. */
    void inOneRound(Runnable round) {
        LOOP.execute(round);
    }

    /** The client sends a Socket.IO packet. */
    void receive(String text) {
        LOOP.execute(() -> listener.onMessage(this, EngineMessage.text(text)));
    }

    /** The next packet the server sent, or null after 10 s. */
    String next() throws InterruptedException {
        return sent.poll(10, TimeUnit.SECONDS);
    }
}
