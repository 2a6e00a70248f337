package dev.socketeer.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link InMemoryAdapter#roomCreated} and {@link InMemoryAdapter#roomDeleted}, Node's create-room and delete-room. */
class RoomHooksTest {
    private final List<String> events = new ArrayList<>();
    private final InMemoryAdapter adapter = new InMemoryAdapter(new RecordingAdapterContext()) {
        @Override
        protected void roomCreated(String room) {
            events.add("create " + room + (isSocketId(room) ? " (own)" : ""));
        }

        @Override
        protected void roomDeleted(String room) {
            events.add("delete " + room + (isSocketId(room) ? " (own)" : ""));
        }
    };

    @Test
    void aRoomIsCreatedByItsFirstMemberAndDeletedWithItsLast() {
        adapter.addAll("a", Set.of("r"));
        adapter.addAll("b", Set.of("r"));
        adapter.del("a", "r");
        assertThat(events).containsExactly("create r");

        adapter.del("b", "r");
        adapter.del("b", "r");

        assertThat(events).containsExactly("create r", "delete r");
    }

    @Test
    void aSocketsOwnRoomIsKnownAsSuchWhenCreatedAndWhenDeletedWithAllItsRooms() {
        adapter.addAll("a", Set.of("a"));
        adapter.addAll("a", Set.of("r"));

        adapter.delAll("a");

        assertThat(events).containsExactlyInAnyOrder("create a (own)", "create r", "delete a (own)", "delete r");
        assertThat(adapter.socketRooms("a")).isNull();
        assertThat(adapter.rooms()).isEmpty();
    }
}
