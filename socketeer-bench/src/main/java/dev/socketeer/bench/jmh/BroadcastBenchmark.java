package dev.socketeer.bench.jmh;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.engine.EngineMessage;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code io.to(room).emit("roomMessage", payload)} to N sockets in one room, through the real
 * Socket.IO server state (namespace, in-memory adapter, sockets, clients) over in-memory
 * {@link FakeEngineSocket}s, with handlers run inline. Measures the cost per broadcast; divide by N
 * for the cost per delivered message (transport writes excluded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {
    @Param({"1000"})
    public int sockets;

    private SocketIoServer runtime;
    private EventLoop loop;
    private final List<FakeEngineSocket> engines = new ArrayList<>();
    private Map<String, Object> payload;

    @Setup(Level.Trial)
    public void setup() {
        loop = new DefaultEventLoop();
        runtime = SocketIoServer.builder().handlerExecutor(Runnable::run).build();
        runtime.of("/").onConnection(socket -> socket.join("room"));
        for (int i = 0; i < sockets; i++) {
            FakeEngineSocket engine = new FakeEngineSocket("sid-" + i, loop);
            runtime.accept(engine);
            engine.listener().onMessage(engine, EngineMessage.text("0"));
            engines.add(engine);
        }
        payload = new LinkedHashMap<>();
        payload.put("room", "room");
        payload.put("message", 1234567890123L);
        payload.put("from", "Xk3c9vQh2LrT0a8NAAAB");
        long connected = engines.stream().filter(e -> e.messages > 0).count();
        if (connected != sockets) {
            throw new IllegalStateException("only " + connected + "/" + sockets + " sockets connected");
        }
    }

    @Benchmark
    public boolean emitToRoom() {
        return runtime.of("/").to("room").emit("roomMessage", payload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long delivered = engines.stream().mapToLong(e -> e.messages).sum();
        if (delivered <= sockets) {
            throw new IllegalStateException("the broadcast delivered nothing");
        }
        runtime.close();
        loop.shutdownGracefully();
    }
}
