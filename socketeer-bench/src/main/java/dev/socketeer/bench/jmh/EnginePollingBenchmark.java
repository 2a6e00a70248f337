package dev.socketeer.bench.jmh;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineServer;
import dev.socketeer.engine.EngineSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Engine.IO long-polling payloads through the public API only (the codec itself, {@code
 * engine.internal.PacketCodec}, is package-private): a POST carrying {@code packets} messages decoded
 * and handed to the session listener, and a GET answering {@code packets} queued messages, on an
 * {@link EmbeddedChannel} running {@link EngineServer#newHttpHandler()}. Includes the HTTP handling
 * around the codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnginePollingBenchmark {
    @Param({"10"})
    public int packets;

    private EngineServer engine;
    private EmbeddedChannel channel;
    private EngineSocket socket;
    private String sid;
    private byte[] postBody;
    private List<EngineMessage> outgoing;
    private long received;
    private boolean decodedExpected;

    @Setup
    public void setup() {
        engine = new EngineServer(EngineOptions.DEFAULT, s -> {
            socket = s;
            s.setListener(new EngineSocket.Listener() {
                @Override
                public void onMessage(EngineSocket socket, EngineMessage message) {
                    received++;
                }

                @Override
                public void onClose(EngineSocket socket, CloseReason reason, String description) {
                }
            });
        });
        channel = new EmbeddedChannel(engine.newHttpHandler());
        String open = exchange(HttpMethod.GET, "/socket.io/?EIO=4&transport=polling", null);
        sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf('"', open.indexOf("\"sid\":\"") + 7));
        String message = "42[\"roomMessage\",{\"room\":\"room-7\",\"message\":\"1234567890123\",\"from\":\"Xk3c9vQh2LrT0a8NAAAB\"}]";
        postBody = String.join("\u001e", java.util.Collections.nCopies(packets, message)).getBytes(StandardCharsets.UTF_8);
        outgoing = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            outgoing.add(EngineMessage.text(message.substring(1)));
        }
    }

    @Benchmark
    public String decodePost() {
        decodedExpected = true;
        return exchange(HttpMethod.POST, "/socket.io/?EIO=4&transport=polling&sid=" + sid, postBody);
    }

    @Benchmark
    public String encodeGet() {
        socket.send(outgoing);
        String payload = exchange(HttpMethod.GET, "/socket.io/?EIO=4&transport=polling&sid=" + sid, null);
        if (payload.charAt(0) != '4') throw new IllegalStateException("unexpected poll answer: " + payload);
        return payload;
    }

    private String exchange(HttpMethod method, String uri, byte[] body) {
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content);
        req.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        channel.writeInbound(req);
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            if (o instanceof HttpContent c) out.append(c.content().toString(StandardCharsets.UTF_8));
            ReferenceCountUtil.release(o);
        }
        if (out.length() == 0) throw new IllegalStateException(method + " " + uri + " got no answer");
        return out.toString();
    }

    @TearDown
    public void tearDown() {
        if (received == 0 && postBody != null && decodedExpected) throw new IllegalStateException("no message decoded");
        channel.finishAndReleaseAll();
        engine.close();
    }
}
