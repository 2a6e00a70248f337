package dev.socketeer.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class InMemoryAdapterTest {
    private final RecordingAdapterContext context = new RecordingAdapterContext();
    private final InMemoryAdapter adapter = new InMemoryAdapter(context);

    @BeforeEach
    void sockets() {
        for (String id : new String[] {"a", "b", "c", "d"}) {
            context.connected.add(id);
            adapter.addAll(id, Set.of(id));
        }
        adapter.addAll("a", Set.of("red", "blue"));
        adapter.addAll("b", Set.of("red"));
        adapter.addAll("c", Set.of("blue", "green"));
    }

    private static Packet event(String name) {
        return Packet.of(PacketType.EVENT, "/", JsonNodeFactory.instance.arrayNode().add(name));
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
    }

    @Test
    void socketInTwoTargetedRoomsGetsOneCopy() {
        adapter.broadcast(event("x"), to(Set.of("red", "blue"), Set.of()));
        assertThat(context.recipients()).containsExactly("a", "b", "c");
    }

    @Test
    void socketInAnExceptedRoomGetsNothing() {
        adapter.broadcast(event("x"), to(Set.of("red", "blue"), Set.of("green")));
        assertThat(context.recipients()).containsExactly("a", "b");
    }

    @Test
    void noTargetRoomMeansEverySocketButExcepted() {
        adapter.broadcast(event("x"), to(Set.of(), Set.of("a", "red")));
        assertThat(context.recipients()).containsExactly("c", "d");
    }

    @Test
    void encodesOnceAndSharesTheSameMessages() {
        adapter.broadcast(event("x"), to(Set.of(), Set.of()));
        assertThat(context.encodings).isEqualTo(1);
        assertThat(context.deliveries).hasSize(4);
        assertThat(context.deliveries).allSatisfy(d ->
                assertThat(d.messages()).isSameAs(context.deliveries.get(0).messages()));
    }

    @Test
    void emptyRoomsDisappear() {
        adapter.del("b", "red");
        adapter.delAll("a");
        assertThat(adapter.rooms()).doesNotContain("red", "a");
        assertThat(adapter.rooms()).contains("blue", "green", "b");
        assertThat(adapter.socketRooms("a")).isNull();
        assertThat(adapter.socketRooms("c")).containsExactlyInAnyOrder("c", "blue", "green");
    }

    @Test
    void socketsListsMembersOfAnyRoom() {
        assertThat(adapter.sockets(Set.of("red", "green")).join()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(adapter.sockets(Set.of()).join()).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void broadcastWithAckCountsOnlyReachedSockets() {
        context.connected.remove("b");
        int[] count = {-1};
        adapter.broadcastWithAck(new Packet(PacketType.EVENT, "/", JsonNodeFactory.instance.arrayNode().add("x"), 7),
                to(Set.of("red"), Set.of()), n -> count[0] = n, ack -> { });
        assertThat(count[0]).isEqualTo(1);
        assertThat(context.ackCallbacks).hasSize(1);
    }
}
