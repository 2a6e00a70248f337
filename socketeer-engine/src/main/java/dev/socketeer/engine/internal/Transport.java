package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineTransport;
import java.util.List;

/** One transport of a session. All methods are called on the session's event loop. */
interface Transport {

    EngineTransport name();

    /** Whether {@link #send} may be called now (a pending poll, or an open websocket). */
    boolean writable();

    /** Sends packets; only when {@link #writable()}. */
    void send(List<EnginePacket> packets);

    /** Closes the underlying connection(s), telling the client when the transport allows it. */
    void close();
}
