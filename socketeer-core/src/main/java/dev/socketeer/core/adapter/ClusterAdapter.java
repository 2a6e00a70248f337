package dev.socketeer.core.adapter;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.protocol.Packet;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The transport-independent part of a cluster adapter, in the role of Node's {@code ClusterAdapter}
 * ({@code socket.io-adapter}): room membership and local delivery are the {@link InMemoryAdapter}'s; a
 * broadcast that is not {@link BroadcastFlags#local() local} is also handed to the transport
 * ({@link #publishBroadcast}), and a broadcast the transport received from another node is delivered to
 * the local sockets only ({@link #onRemoteBroadcast}). A transport (Redis pub/sub, ...) subclasses this,
 * encodes in its own wire format and never blocks.
 *
 * <p>What crosses nodes in this base class: broadcasts (rooms, except, {@code volatile}, {@code compress},
 * binary payloads). The operations that need answers from other nodes ({@code fetchSockets},
 * {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}, {@code serverSideEmit},
 * broadcasts with acks) are not built here yet: without the {@code local} flag they fail with
 * {@link UnsupportedOperationException} (or a future failed with it) instead of silently answering for
 * this node only; with the {@code local} flag they act on this node, like Node's adapters do. A transport
 * overrides those it implements in its own wire format (the Redis pub/sub adapter of
 * {@code socketeer-redis} implements all of them in the format of Node's {@code @socket.io/redis-adapter},
 * whose requests differ from the {@code ClusterAdapter} messages of Node's sharded and streams adapters;
 * the request bookkeeping moves here when a second transport needs it).
 *
 * <p>Threading: thread safe, like {@link InMemoryAdapter}. {@link #broadcast} publishes on the caller's
 * thread and must not block there: {@link #publishBroadcast} only starts an asynchronous send.
 * {@link #onRemoteBroadcast} is called by the transport on its receiving thread, which is then busy for
 * the local fan-out (encoding once, handing the writes to the event loops); messages of one transport
 * thread are therefore delivered in the order they arrived.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);
    private static final char[] UID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String uid;

    /**
     * @param context the namespace
     * @param uid this node's id on the wire, unique in the cluster (see {@link #randomUid()})
     */
    protected ClusterAdapter(AdapterContext context, String uid) {
        super(context);
        this.uid = Objects.requireNonNull(uid, "uid");
    }

    /** A random node id of six letters and digits, the shape of Node's {@code uid2(6)}. */
    public static String randomUid() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = UID_ALPHABET[RANDOM.nextInt(UID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** This node's id on the wire: messages carrying it are this node's own and are ignored. */
    public final String uid() {
        return uid;
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        if (!options.flags().local()) {
            try {
                publishBroadcast(packet, options);
            } catch (RuntimeException e) {
                // the cluster is best effort for a broadcast; local delivery goes on
                log.warn("{}: broadcast not published to the cluster: {}", context.namespace(), e.toString());
            }
        }
        super.broadcast(packet, options);
    }

    /**
     * Sends a broadcast to the other nodes. Called on the broadcasting thread (a handler thread or an
     * event loop): must not block; a failure to send is the transport's to report (the local delivery
     * happens regardless).
     */
    protected abstract void publishBroadcast(Packet packet, BroadcastOptions options);

    /**
     * Delivers a broadcast received from node {@code senderUid} to the selected local sockets; ignored when
     * it is this node's own or of another namespace. Called by the transport on its receiving thread.
     */
    protected final void onRemoteBroadcast(String senderUid, Packet packet, BroadcastOptions options) {
        if (uid.equals(senderUid)) {
            return;
        }
        if (!packet.namespace().equals(context.namespace())) {
            log.debug("{}: ignoring a broadcast for namespace {}", context.namespace(), packet.namespace());
            return;
        }
        super.broadcast(packet, options);
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCountCallback,
                                 Consumer<JsonNode> ackCallback) {
        requireLocal(options, "broadcast with acknowledgements");
        super.broadcastWithAck(packet, options, clientCountCallback, ackCallback);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        if (!options.flags().local()) {
            return CompletableFuture.failedFuture(notYet("fetchSockets"));
        }
        return super.fetchSockets(options);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        requireLocal(options, "socketsJoin");
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        requireLocal(options, "socketsLeave");
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        requireLocal(options, "disconnectSockets");
        super.disconnectSockets(options, close);
    }

    @Override
    public void serverSideEmit(JsonNode packet, @Nullable BroadcastAckCallback ack) {
        throw notYet("serverSideEmit");
    }

    private void requireLocal(BroadcastOptions options, String operation) {
        if (!options.flags().local()) {
            throw notYet(operation);
        }
    }

    private static UnsupportedOperationException notYet(String operation) {
        return new UnsupportedOperationException(operation
                + " across the cluster is not supported yet by this adapter; use local() for this node only");
    }
}
