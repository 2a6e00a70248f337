package dev.socketeer.redis;

import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.core.adapter.ClusterMessage;
import dev.socketeer.core.adapter.Session;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.redis.internal.ClusterMessageCodec;
import dev.socketeer.redis.internal.Notepack;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace on Redis Streams, wire-compatible with Node's
 * {@code @socket.io/redis-streams-adapter} 0.3 ({@code RedisStreamsAdapter}); created by a
 * {@link RedisStreamsAdapterFactory}. The cluster protocol is {@link ClusterAdapter}'s; this class is its
 * transport:
 * <ul>
 *   <li>Messages that need no answer (broadcasts, {@code socketsJoin}, {@code socketsLeave},
 *       {@code disconnectSockets}) are added to the stream ({@code XADD <stream> MAXLEN ~ <maxLen> *} with the
 *       fields {@code uid}, {@code nsp}, {@code type}, {@code data}); the entry id is the broadcast's offset.
 *       Every node reads the stream ({@link StreamReader}).</li>
 *   <li>Requests (broadcasts with acknowledgements, {@code serverSideEmit}, {@code fetchSockets}) are
 *       published as MessagePack on {@code <prefix>#<nsp>#}, answers on the requester's
 *       {@code <prefix>#<nsp>#<uid>#}; this adapter subscribes both.</li>
 *   <li>{@link #serverCount()} is {@code PUBSUB NUMSUB <prefix>#<nsp>#}, as Node counts.</li>
 *   <li>With {@link RedisStreamsAdapterFactory.Builder#useShardedPubSub(boolean)}: {@code SPUBLISH},
 *       {@code SSUBSCRIBE} and {@code PUBSUB SHARDNUMSUB} instead.</li>
 *   <li>Connection state recovery across nodes: {@link #persistSession} stores
 *       {@code base64(msgpack({sid, pid, rooms, data}))} under {@code <sessionKeyPrefix><pid>} for
 *       {@code maxDisconnectionDuration}; {@link #restoreSession} takes it ({@code GETDEL}), checks that the
 *       client's offset is still in the stream and replays the broadcasts of this namespace added after it
 *       that the session's rooms select, each with its entry id appended. Since every node appends the
 *       entry id to the broadcasts it delivers, a client recovers on any node, Node's or ours.</li>
 * </ul>
 *
 * <p>Threading: thread safe. Operations publish asynchronously and return at once; stream entries arrive on
 * the stream's reader thread and pub/sub messages on Lettuce's I/O thread, where the local part runs
 * (listeners and request callbacks run on the handler executor, see {@link ClusterAdapter}). A message that
 * cannot be decoded is logged (once per adapter at WARN, then at DEBUG) and dropped.
 */
public final class RedisStreamsAdapter extends ClusterAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisStreamsAdapter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");
    /** Node's {@code RESTORE_SESSION_MAX_XRANGE_CALLS}. */
    private static final int MAX_XRANGE_CALLS = 100;

    private final RedisStreamsAdapterFactory factory;
    private final String stream;
    private final String publicChannel;
    private final String privateChannel;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();

    RedisStreamsAdapter(AdapterContext context, RedisStreamsAdapterFactory factory) {
        super(context, randomId(), factory.options().requestsTimeout);
        this.factory = factory;
        this.stream = factory.streamOf(context.namespace());
        String prefix = factory.options().channelPrefix;
        this.publicChannel = prefix + "#" + context.namespace() + "#";
        this.privateChannel = publicChannel + uid() + "#";
    }

    @Override
    public void init() {
        super.init();
        factory.register(this, context.namespace(), List.of(publicChannel, privateChannel));
        var async = factory.subscriber().async();
        CompletableFuture<Void> done = factory.options().useShardedPubSub
                // one channel per SSUBSCRIBE, as Node does: in a Redis Cluster they may hash to different slots
                ? CompletableFuture.allOf(async.ssubscribe(publicChannel).toCompletableFuture(),
                        async.ssubscribe(privateChannel).toCompletableFuture())
                : async.subscribe(publicChannel, privateChannel).toCompletableFuture();
        done.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("{}: subscribing to Redis failed, this namespace will not hear the other nodes' requests: {}",
                        context.namespace(), error.toString());
                subscribed.completeExceptionally(error);
            } else {
                subscribed.complete(null);
            }
        });
    }

    @Override
    public void close() {
        factory.unregister(this, context.namespace(), List.of(publicChannel, privateChannel));
        try {
            var async = factory.subscriber().async();
            if (factory.options().useShardedPubSub) {
                async.sunsubscribe(publicChannel);
                async.sunsubscribe(privateChannel);
            } else {
                async.unsubscribe(publicChannel, privateChannel);
            }
        } catch (RuntimeException e) {
            log.debug("{}: unsubscribing failed: {}", context.namespace(), e.toString());
        }
        super.close();
    }

    /** Completes once this adapter's channels are subscribed (fails if the first attempt failed). */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    /** The stream this namespace's messages go to. */
    public String stream() {
        return stream;
    }

    /** The channel whose subscribers are the nodes, {@code <prefix>#<nsp>#}. */
    public String publicChannel() {
        return publicChannel;
    }

    // --- the transport ------------------------------------------------------------------------------

    @Override
    protected CompletableFuture<String> doPublish(ClusterMessage message) {
        if (ephemeral(message)) {
            return publishTo(publicChannel, message).thenApply(receivers -> "");
        }
        Map<String, byte[]> fields = ClusterMessageCodec.toStreamFields(message, factory.options().onlyPlaintext);
        XAddArgs args = new XAddArgs().maxlen(factory.options().maxLen).approximateTrimming();
        return factory.commands().async().xadd(stream, args, fields).toCompletableFuture()
                .whenComplete((id, error) -> {
                    if (error == null) {
                        publishSucceeded();
                    }
                });
    }

    @Override
    protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
        return publishTo(publicChannel + requesterUid + "#", response).thenApply(receivers -> null);
    }

    private CompletableFuture<Long> publishTo(String channel, ClusterMessage message) {
        byte[] payload = ClusterMessageCodec.toMsgpack(message);
        var async = factory.commands().async();
        return (factory.options().useShardedPubSub ? async.spublish(channel, payload) : async.publish(channel, payload))
                .toCompletableFuture();
    }

    /** Node's {@code isEphemeral}: what goes over pub/sub rather than the stream. */
    private static boolean ephemeral(ClusterMessage message) {
        return switch (message.type()) {
            case BROADCAST -> message.data() != null && message.data().has("requestId");
            case SERVER_SIDE_EMIT, FETCH_SOCKETS -> true;
            default -> false;
        };
    }

    /** The number of nodes: the (shard) subscribers of {@code <prefix>#<nsp>#}. */
    @Override
    public CompletableFuture<Integer> serverCount() {
        try {
            var async = factory.commands().async();
            return (factory.options().useShardedPubSub ? async.pubsubShardNumsub(publicChannel)
                    : async.pubsubNumsub(publicChannel)).toCompletableFuture()
                    .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).findFirst().orElse(0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A stream entry of this namespace, on the reader's thread. */
    void onStreamEntry(Map<String, byte[]> fields, String id) {
        ClusterMessage message;
        try {
            message = ClusterMessageCodec.fromStreamFields(fields);
        } catch (IllegalArgumentException e) {
            malformed(stream + " entry " + id, e);
            return;
        }
        onMessage(message, id);
    }

    /** A message on one of this adapter's channels, on Lettuce's I/O thread. */
    void onPubSubMessage(String channel, byte[] payload) {
        ClusterMessage message;
        try {
            message = ClusterMessageCodec.fromMsgpack(payload);
        } catch (IllegalArgumentException e) {
            malformed(channel, e);
            return;
        }
        onMessage(message, null);
    }

    private void malformed(String where, Exception e) {
        if (warnedMalformed.compareAndSet(false, true)) {
            log.warn("{}: dropping a malformed message on {} (further ones are logged at DEBUG): {}",
                    context.namespace(), where, e.getMessage());
        } else {
            log.debug("{}: dropping a malformed message on {}: {}", context.namespace(), where, e.getMessage());
        }
    }

    // --- connection state recovery ------------------------------------------------------------------

    @Override
    public void persistSession(Session session) {
        ConnectionStateRecoveryOptions recovery = context.connectionStateRecovery();
        if (recovery == null) {
            return;
        }
        ObjectNode node = NODES.objectNode();
        node.put("sid", session.sid());
        node.put("pid", session.pid());
        ArrayNode rooms = node.putArray("rooms");
        session.rooms().forEach(rooms::add);
        ObjectNode data = node.putObject("data");
        session.data().forEach((key, value) -> data.set(key, value instanceof JsonNode tree ? tree : JSON.valueToTree(value)));
        byte[] encoded = Base64.getEncoder().encode(Notepack.encode(node));
        String key = factory.options().sessionKeyPrefix + session.pid();
        try {
            factory.commands().async().set(key, encoded, SetArgs.Builder.px(recovery.maxDisconnectionDuration().toMillis()))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            publishFailed("a session for recovery", error);
                        }
                    });
        } catch (RuntimeException e) {
            publishFailed("a session for recovery", e);
        }
    }

    /**
     * The session of {@code pid} with the broadcasts added to the stream after {@code offset} that it would
     * have received, or {@code null} when the offset is not an entry id, the session is unknown or expired,
     * or the offset is no longer in the stream. The session is taken: a second attempt finds nothing.
     */
    @Override
    public CompletableFuture<@Nullable Session> restoreSession(String pid, String offset) {
        if (!OFFSET.matcher(offset).matches()) {
            return CompletableFuture.completedFuture(null);
        }
        var async = factory.commands().async();
        CompletableFuture<byte[]> raw;
        CompletableFuture<List<StreamMessage<String, byte[]>>> known;
        try {
            raw = async.getdel(factory.options().sessionKeyPrefix + pid).toCompletableFuture();
            known = async.xrange(stream, Range.create(offset, offset)).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return raw.thenCombine(known, (rawSession, entries) -> rawSession == null || entries.isEmpty() ? null
                        : decodeSession(rawSession))
                .thenCompose(session -> session == null ? CompletableFuture.completedFuture(null)
                        : replay(session, offset, new ArrayList<>(), 0));
    }

    private static Session decodeSession(byte[] raw) {
        JsonNode node = Notepack.decode(Base64.getDecoder().decode(raw));
        Map<String, Object> data = new LinkedHashMap<>();
        JsonNode dataNode = node.path("data");
        if (dataNode.isObject()) {
            dataNode.properties().forEach(p -> data.put(p.getKey(), p.getValue()));
        }
        return new Session(node.path("sid").asString(), node.path("pid").asString(),
                BroadcastMessage.roomSet(node.get("rooms")), data, List.of());
    }

    /** Reads the stream after {@code offset} until its end (at most Node's number of calls). */
    private CompletableFuture<@Nullable Session> replay(Session session, String offset, List<JsonNode> missed, int calls) {
        if (calls >= MAX_XRANGE_CALLS) {
            return CompletableFuture.completedFuture(session.withMissedPackets(missed));
        }
        return factory.commands().async().xrange(stream, Range.create(nextOffset(offset), "+")).toCompletableFuture()
                .thenCompose(entries -> {
                    if (entries.isEmpty()) {
                        return CompletableFuture.completedFuture(session.withMissedPackets(missed));
                    }
                    String last = offset;
                    for (StreamMessage<String, byte[]> entry : entries) {
                        collect(session.rooms(), entry, missed);
                        last = entry.getId();
                    }
                    return replay(session, last, missed, calls + 1);
                });
    }

    /** Adds the entry's packet data (with the entry id appended) when it is a broadcast of this namespace for these rooms. */
    private void collect(Set<String> rooms, StreamMessage<String, byte[]> entry, List<JsonNode> missed) {
        Map<String, byte[]> fields = entry.getBody();
        byte[] nsp = fields.get("nsp");
        byte[] type = fields.get("type");
        if (nsp == null || type == null || !context.namespace().equals(new String(nsp, StandardCharsets.UTF_8))
                || !"3".equals(new String(type, StandardCharsets.UTF_8))) {
            return;
        }
        ClusterMessage message;
        try {
            message = ClusterMessageCodec.fromStreamFields(fields);
        } catch (IllegalArgumentException e) {
            malformed(stream + " entry " + entry.getId(), e);
            return;
        }
        JsonNode data = message.data() == null ? NODES.objectNode() : message.data();
        JsonNode packetData = data.path("packet").path("data");
        JsonNode opts = data.path("opts");
        BroadcastOptions options = new BroadcastOptions(BroadcastMessage.roomSet(opts.get("rooms")),
                BroadcastMessage.roomSet(opts.get("except")), BroadcastFlags.NONE);
        if (packetData.isArray() && options.selects(rooms)) {
            ArrayNode withOffset = ((ArrayNode) packetData).deepCopy();
            withOffset.add(entry.getId());
            missed.add(withOffset);
        }
    }

    /** The id right after {@code offset} (exclusive ranges need Redis 6.2; Node computes it this way). */
    static String nextOffset(String offset) {
        int dash = offset.indexOf('-');
        return offset.substring(0, dash) + "-" + (Long.parseLong(offset.substring(dash + 1)) + 1);
    }
}
