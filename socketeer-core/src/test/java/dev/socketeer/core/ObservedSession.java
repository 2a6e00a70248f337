package dev.socketeer.core;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.engine.EngineTransport;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real engine session seen through a window: counts the messages it hands to Socket.IO and the times
 * Socket.IO stops reading it, and otherwise does what the session does. For tests that hit the inbound
 * back-pressure bounds through real connections ({@link SocketIoServer#accept}).
 *
 * <p>Threading: as the session's; the counters may be read from any thread.
 */
final class ObservedSession implements EngineSocket {
    private final EngineSocket session;
    final AtomicInteger delivered = new AtomicInteger();
    final AtomicInteger pauses = new AtomicInteger();

    ObservedSession(EngineSocket session) {
        this.session = session;
    }

    @Override
    public String id() {
        return session.id();
    }

    @Override
    public EngineTransport transport() {
        return session.transport();
    }

    @Override
    public EngineRequest request() {
        return session.request();
    }

    @Override
    public EventLoop eventLoop() {
        return session.eventLoop();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void send(List<EngineMessage> messages) {
        session.send(messages);
    }

    @Override
    public boolean sendVolatile(List<EngineMessage> messages) {
        return session.sendVolatile(messages);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void setReading(boolean reading) {
        if (!reading) {
            pauses.incrementAndGet();
        }
        session.setReading(reading);
    }

    @Override
    public void setListener(Listener listener) {
        session.setListener(new Listener() {
            @Override
            public void onMessage(EngineSocket socket, EngineMessage message) {
                delivered.incrementAndGet();
                listener.onMessage(ObservedSession.this, message);
            }

            @Override
            public void onClose(EngineSocket socket, CloseReason reason, String description) {
                listener.onClose(ObservedSession.this, reason, description);
            }
        });
    }
}
