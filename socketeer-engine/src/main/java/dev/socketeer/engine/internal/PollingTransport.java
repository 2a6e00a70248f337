package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineTransport;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * HTTP long-polling: a GET is held until there is something to send; a POST carries packets from
 * the client. At most one GET and one POST at a time, as in Node. Confined to the session's event loop.
 */
final class PollingTransport implements Transport {
    private final Session session;
    private final EngineContext engine;
    private HttpExchange pendingGet;
    private ChannelFutureListener pendingGetAborted;
    /** The POST being received, refused at once if the session closes meanwhile. */
    private PendingRequest post;
    private boolean discarded;

    PollingTransport(Session session, EngineContext engine) {
        this.session = session;
        this.engine = engine;
    }

    @Override
    public EngineTransport name() {
        return EngineTransport.POLLING;
    }

    @Override
    public boolean writable() {
        return pendingGet != null;
    }

    /** A GET arrived; a second concurrent one is refused with 400 and ends the session, like Node. */
    void onGet(HttpExchange ex) {
        if (discarded) {
            HttpResponses.error(ex, EngineError.BAD_REQUEST, null, engine);
            return;
        }
        if (pendingGet != null) {
            HttpResponses.status(ex, HttpResponseStatus.BAD_REQUEST, false, engine);
            session.onTransportError("overlap from client");
            return;
        }
        pendingGet = ex;
        // An aborted poll is a transport error (Node: "poll connection closed prematurely"). The
        // listener is removed once the GET is answered, so a keep-alive connection does not collect one per poll.
        pendingGetAborted = f -> session.eventLoop().execute(() -> {
            if (pendingGet == ex) {
                clearPendingGet();
                session.onTransportError("poll connection closed prematurely");
            }
        });
        ex.ctx().channel().closeFuture().addListener(pendingGetAborted);
        session.onPollReady(this);
    }

    private HttpExchange clearPendingGet() {
        HttpExchange ex = pendingGet;
        if (ex != null) {
            ex.ctx().channel().closeFuture().removeListener(pendingGetAborted);
        }
        pendingGet = null;
        pendingGetAborted = null;
        return ex;
    }

    /** The head of a POST arrived; false (and 400) when another POST is still being received. */
    boolean beginPost(PendingRequest request) {
        if (post != null) {
            if (request.claimAnswer()) {
                HttpResponses.status(request.hasBody() ? request.exchange.closing() : request.exchange,
                        HttpResponseStatus.BAD_REQUEST, false, engine);
            }
            session.onTransportError("data request overlap from client");
            return false;
        }
        post = request;
        return true;
    }

    /** A POST body was received in full (and its answer claimed). */
    void endPost(PendingRequest request, String body) {
        List<EnginePacket> packets;
        EngineParseException parseError = null;
        try {
            packets = PacketCodec.decodePayload(body);
        } catch (EngineParseException e) {
            packets = e.decodedBefore(); // like Node: the packets before the bad one count
            parseError = e;
        }
        if (closes(packets)) {
            // a poll that arrived before this close on another loop's connection is handled first (Node's order)
            List<EnginePacket> received = packets;
            EngineParseException error = parseError;
            LoopBarrier.afterOtherLoops(session.eventLoop(), () -> finishPost(request, received, error));
        } else {
            finishPost(request, packets, parseError);
        }
    }

    private static boolean closes(List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
            if (p.type() == EnginePacketType.CLOSE) {
                return true;
            }
        }
        return false;
    }

    private void finishPost(PendingRequest request, List<EnginePacket> packets, EngineParseException parseError) {
        post = null;
        HttpExchange ex = request.exchange;
        if (discarded) {
            HttpResponses.error(ex, EngineError.BAD_REQUEST, null, engine);
            return;
        }
        deliver(packets);
        if (parseError != null) {
            session.onParseError(this, parseError.getMessage());
        }
        HttpResponses.ok(ex, engine);
    }

    private void deliver(List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
            if (!session.isOpen() && !session.isClosing()) {
                return;
            }
            if (p.type() == EnginePacketType.CLOSE) {
                // Node answers a pending poll with a NOOP, then closes the session ("transport close").
                if (pendingGet != null) {
                    send(List.of(EnginePacket.NOOP));
                }
                session.onTransportClose(this);
                return;
            }
            session.onPacket(this, p);
        }
    }

    /** A POST was aborted or refused part-way. */
    void abortPost(PendingRequest request) {
        if (post == request) {
            post = null;
        }
    }

    @Override
    public void send(List<EnginePacket> packets) {
        HttpExchange ex = clearPendingGet();
        // Node compresses a payload when any of its packets may be compressed
        boolean compress = packets.stream().anyMatch(EnginePacket::compress);
        HttpResponses.payload(ex, PacketCodec.encodePayload(packets), compress, engine);
    }

    /** After an upgrade: later polling requests get 400, and so does a POST still arriving (a client pauses its POSTs first). */
    void discard() {
        discarded = true;
        if (pendingGet != null) {
            send(List.of(EnginePacket.NOOP));
        }
        if (post != null) {
            post.refuse(EngineError.BAD_REQUEST);
            post = null;
        }
    }

    @Override
    public void close() {
        discarded = true;
        if (pendingGet != null) {
            send(List.of(EnginePacket.CLOSE));
        }
        if (post != null) {
            post.refuse(EngineError.UNKNOWN_SID); // the rest of its body is not waited for, nor buffered
            post = null;
        }
    }
}
