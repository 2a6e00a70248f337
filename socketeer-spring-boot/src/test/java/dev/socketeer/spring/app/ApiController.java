package dev.socketeer.spring.app;

import dev.socketeer.core.SocketIoServer;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** Plain REST and SSE next to Socket.IO; emits through the injected server. */
@RestController
class ApiController {
    private final SocketIoServer io;

    ApiController(SocketIoServer io) {
        this.io = io;
    }

    @GetMapping("/api/hello")
    Map<String, String> hello() {
        return Map.of("hello", "world");
    }

    @GetMapping(path = "/api/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<String> ticks() {
        return Flux.range(0, 3).delayElements(Duration.ofMillis(10)).map(i -> "tick-" + i);
    }

    @PostMapping("/api/notify")
    Map<String, Object> notify(@RequestParam("text") String text) {
        io.of("/chat").emit("notice", text);
        return Map.of("sent", text);
    }

    /** Reads the whole body before answering (the shared port's request timeout bounds a slow one). */
    @PostMapping("/api/echo")
    String echo(@RequestBody String body) {
        return body;
    }
}
