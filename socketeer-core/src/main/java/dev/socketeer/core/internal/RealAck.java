package dev.socketeer.core.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.util.concurrent.atomic.AtomicBoolean;

/** The acknowledgement of one client event: sends one ACK packet with the event's id. Thread safe. */
final class RealAck implements Ack {
    private final RealSocket socket;
    private final int id;
    private final AtomicBoolean sent = new AtomicBoolean();

    RealAck(RealSocket socket, int id) {
        this.socket = socket;
        this.id = id;
    }

    @Override
    public void send(Object... args) {
        if (sent.compareAndSet(false, true)) {
            var data = socket.payloads().ack(args == null ? new Object[] {null} : args);
            socket.write(new Packet(PacketType.ACK, socket.namespace().name(), data, id));
        }
    }

    @Override
    public boolean requested() {
        return true;
    }
}
