package dev.socketeer.core.internal;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** The one {@link BroadcastOperator} implementation, over a namespace's adapter. Immutable; thread safe. */
final class RealBroadcastOperator implements BroadcastOperator {
    /** Node arms its timer with {@code setTimeout(fn, undefined)}, i.e. 1 ms, when no timeout is set. */
    private static final Duration NODE_DEFAULT_ACK_WAIT = Duration.ofMillis(1);

    private final RealNamespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final BroadcastFlags flags;

    RealBroadcastOperator(RealNamespace namespace, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    @Override
    public BroadcastOperator to(String... more) {
        return new RealBroadcastOperator(namespace, union(rooms, more), except, flags);
    }

    @Override
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    @Override
    public BroadcastOperator except(String... more) {
        return new RealBroadcastOperator(namespace, rooms, union(except, more), flags);
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return new RealBroadcastOperator(namespace, rooms, except, flags.withCompress(compress));
    }

    @Override
    public BroadcastOperator volatile_() {
        return new RealBroadcastOperator(namespace, rooms, except, flags.withVolatile());
    }

    @Override
    public BroadcastOperator local() {
        return new RealBroadcastOperator(namespace, rooms, except, flags.withLocal());
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return new RealBroadcastOperator(namespace, rooms, except, flags.withTimeout(timeout));
    }

    private BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, flags);
    }

    @Override
    public boolean emit(String event, Object... args) {
        var payload = namespace.runtime().payloads().event(event, Arrays.asList(args));
        namespace.adapter().broadcast(Packet.of(PacketType.EVENT, namespace.name(), payload), options());
        return true;
    }

    @Override
    public boolean emit(String event, List<?> args, BroadcastAckCallback callback) {
        Objects.requireNonNull(callback, "callback");
        ServerRuntime runtime = namespace.runtime();
        var payload = runtime.payloads().event(event, args);
        int ackId = namespace.nextAckId();
        Packet packet = new Packet(PacketType.EVENT, namespace.name(), payload, ackId);
        BroadcastAckCollector collector = new BroadcastAckCollector(callback, runtime.handlerExecutor());
        namespace.adapter().broadcastWithAck(packet, options(), collector::onClientCount, collector::onResponse);
        namespace.adapter().serverCount().whenComplete((count, error) -> {
            if (error == null) {
                collector.onServerCount(count);
            }
        });
        // armed after the synchronous part, as Node's timer cannot fire before it either
        Duration wait = flags.timeout() != null ? flags.timeout() : NODE_DEFAULT_ACK_WAIT;
        collector.timer(runtime.scheduler().schedule(() -> {
            if (collector.onTimeout()) {
                namespace.localSockets().forEach(socket -> socket.acks().remove(ackId));
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        emit(event, Arrays.asList(args), (error, responses) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(responses);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return namespace.adapter().fetchSockets(options());
    }

    @Override
    public void socketsJoin(String... newRooms) {
        namespace.adapter().addSockets(options(), Set.copyOf(Arrays.asList(newRooms)));
    }

    @Override
    public void socketsLeave(String... oldRooms) {
        namespace.adapter().delSockets(options(), Set.copyOf(Arrays.asList(oldRooms)));
    }

    @Override
    public void disconnectSockets(boolean close) {
        namespace.adapter().disconnectSockets(options(), close);
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> all = new HashSet<>(base);
        for (String room : more) {
            all.add(Objects.requireNonNull(room, "room"));
        }
        return Set.copyOf(all);
    }
}
