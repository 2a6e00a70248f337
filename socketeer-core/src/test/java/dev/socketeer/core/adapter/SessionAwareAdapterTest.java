package dev.socketeer.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class SessionAwareAdapterTest {
    private final RecordingAdapterContext context = new RecordingAdapterContext();
    private final MutableClock clock = new MutableClock();
    private final SessionAwareAdapter adapter = new SessionAwareAdapter(context, Duration.ofMinutes(2), clock);

    private static Packet event(String name) {
        return Packet.of(PacketType.EVENT, "/", JsonNodeFactory.instance.arrayNode().add(name));
    }

    private static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), BroadcastFlags.NONE);
    }

    private String lastOffset() {
        JsonNode data = context.deliveries.get(context.deliveries.size() - 1).packet().data();
        return data.get(data.size() - 1).stringValue();
    }

    @Test
    void appendsAUniqueOffsetToStoredEvents() {
        context.connected.add("s1");
        adapter.addAll("s1", Set.of("s1"));
        adapter.broadcast(event("a"), to());
        String first = lastOffset();
        adapter.broadcast(event("b"), to());
        assertThat(lastOffset()).isNotEqualTo(first);
        assertThat(context.deliveries.get(0).packet().data().size()).isEqualTo(2);
        assertThat(adapter.storedPacketCount()).isEqualTo(2);
    }

    @Test
    void doesNotStoreVolatileOrAckedPackets() {
        adapter.broadcast(event("a"), new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withVolatile()));
        adapter.broadcast(new Packet(PacketType.EVENT, "/", JsonNodeFactory.instance.arrayNode().add("b"), 3), to());
        assertThat(adapter.storedPacketCount()).isZero();
    }

    @Test
    void restoresTheMissedPacketsTheSessionWouldHaveReceived() {
        context.connected.add("s1");
        adapter.addAll("s1", Set.of("s1"));
        adapter.broadcast(event("seen"), to());
        String offset = lastOffset();
        adapter.persistSession(new Session("s1", "p1", Set.of("s1", "room1"), Map.of("k", "v"), List.of()));
        adapter.broadcast(event("all"), to());
        adapter.broadcast(event("room1"), to("room1"));
        adapter.broadcast(event("room2"), to("room2"));
        adapter.broadcast(event("notRoom1"), new BroadcastOptions(Set.of(), Set.of("room1"), BroadcastFlags.NONE));

        Session session = adapter.restoreSession("p1", offset).join();

        assertThat(session.sid()).isEqualTo("s1");
        assertThat(session.data()).containsEntry("k", "v");
        assertThat(session.missedPackets()).extracting(p -> p.get(0).stringValue()).containsExactly("all", "room1");
    }

    @Test
    void unknownOffsetOrPidRestoresNothing() {
        adapter.persistSession(new Session("s1", "p1", Set.of("s1"), Map.of(), List.of()));
        assertThat(adapter.restoreSession("p1", "nope").join()).isNull();
        assertThat(adapter.restoreSession("p2", "nope").join()).isNull();
    }

    @Test
    void expiredSessionsAndPacketsArePurged() {
        context.connected.add("s1");
        adapter.addAll("s1", Set.of("s1"));
        adapter.broadcast(event("a"), to());
        String offset = lastOffset();
        adapter.persistSession(new Session("s1", "p1", Set.of("s1"), Map.of(), List.of()));
        clock.advance(Duration.ofMinutes(3));
        assertThat(adapter.restoreSession("p1", offset).join()).isNull();
        adapter.persistSession(new Session("s2", "p2", Set.of("s2"), Map.of(), List.of()));
        clock.advance(Duration.ofMinutes(3));
        adapter.purgeExpired();
        assertThat(adapter.sessionCount()).isZero();
        assertThat(adapter.storedPacketCount()).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
