package dev.socketeer.core.adapter;

import static dev.socketeer.core.adapter.ClusterTrees.NODES;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.core.RemoteSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A request of a {@link ClusterAdapter} waiting for the other nodes' answers: {@code count} answers from
 * anyone, or one from each named node; finished once (all in, timed out, or the missing nodes gone), its
 * callback then running on the handler executor.
 *
 * <p>Threading: thread safe; answers are taken under the request's lock.
 */
abstract class ClusterRequest {
    private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);

    private final int expected;
    private final @Nullable Set<String> missing;
    private final Executor executor;
    private int received;
    volatile @Nullable ScheduledFuture<?> timer;

    ClusterRequest(ClusterAdapter.Responders responders, Executor executor) {
        this.expected = responders.count();
        this.missing = responders.uids() == null ? null : new HashSet<>(responders.uids());
        this.executor = executor;
    }

    /**
     * A {@code fetchSockets}: this node's sockets and the other nodes'; after a timeout a
     * {@link FetchSocketsTimeoutException} with Node's message, holding those that arrived.
     */
    static ClusterRequest fetchSockets(ClusterAdapter.Responders responders, AdapterContext context,
                                       List<RemoteSocket> local, CompletableFuture<List<RemoteSocket>> result) {
        List<RemoteSocket> found = new ArrayList<>(local);
        return new ClusterRequest(responders, context.handlerExecutor()) {
            @Override
            void accept(JsonNode response) {
                for (JsonNode socket : response.path("sockets")) {
                    found.add(ClusterTrees.readSocket(context, socket));
                }
            }

            @Override
            void complete(boolean timedOut) {
                List<RemoteSocket> copy;
                synchronized (this) {
                    copy = List.copyOf(found);
                }
                if (timedOut) {
                    // Node's ClusterAdapter rejects with this message; the sockets that arrived stay reachable
                    result.completeExceptionally(new FetchSocketsTimeoutException("timeout reached: " + missingDescription(), copy));
                } else {
                    result.complete(copy);
                }
            }
        };
    }

    /** A {@code serverSideEmitWithAck}: one answer per other node; after a timeout, an {@link AckTimeoutException}. */
    static ClusterRequest serverSideEmit(ClusterAdapter.Responders responders, Executor executor,
                                         BroadcastAckCallback ack) {
        List<JsonNode> answers = new ArrayList<>();
        return new ClusterRequest(responders, executor) {
            @Override
            void accept(JsonNode response) {
                answers.add(response.has("packet") ? response.get("packet") : NODES.nullNode());
            }

            @Override
            void complete(boolean timedOut) {
                List<JsonNode> copy;
                synchronized (this) {
                    copy = List.copyOf(answers);
                }
                ack.onAcks(timedOut ? new AckTimeoutException(copy) : null, copy);
            }
        };
    }

    /** Takes an answer of node {@code from}; whether all expected answers are in. */
    final synchronized boolean add(String from, JsonNode response) {
        accept(response);
        received++;
        if (missing != null) {
            missing.remove(from);
            return missing.isEmpty();
        }
        return received >= expected;
    }

    /** Whether the request has all it waits for once {@code nodeUid} is gone. */
    final synchronized boolean forget(String nodeUid) {
        return missing != null && missing.remove(nodeUid) && missing.isEmpty();
    }

    final synchronized String missingDescription() {
        return missing != null ? "missing " + missing.size() + " responses"
                : "only " + received + " responses received out of " + expected;
    }

    abstract void accept(JsonNode response);

    /** Called once, by whoever removed this request from its adapter's requests. */
    final void finish(boolean timedOut) {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        executor.execute(() -> complete(timedOut));
    }

    abstract void complete(boolean timedOut);
}
