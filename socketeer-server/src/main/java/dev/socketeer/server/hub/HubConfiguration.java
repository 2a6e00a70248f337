package dev.socketeer.server.hub;

import dev.socketeer.spring.SocketIoServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Counts the Socket.IO server's traffic ({@link ServerTraffic}) for {@code /websocket/status}. */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

    @Bean
    ServerTraffic serverTraffic() {
        return new ServerTraffic();
    }

    @Bean
    SocketIoServerCustomizer serverTrafficListener(ServerTraffic traffic) {
        return builder -> builder.listener(traffic);
    }
}
