package dev.socketeer.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README documents bind to {@code socketeer.server.whatsapp.*}. */
class WhatsAppPropertiesTest {

    @Test
    void environmentVariablesBind() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "SOCKETEER_SERVER_WHATSAPP_APP_SECRET", "app-secret",
                        "SOCKETEER_SERVER_WHATSAPP_VERIFY_TOKEN", "verify",
                        "SOCKETEER_SERVER_WHATSAPP_API_URL", "http://127.0.0.1:9999/v20.0",
                        "SOCKETEER_SERVER_WHATSAPP_ACCESS_TOKEN", "token",
                        "SOCKETEER_SERVER_WHATSAPP_PHONE_NUMBER_ID", "1065")));
        WhatsAppProperties p = Binder.get(environment).bind("socketeer.server.whatsapp", WhatsAppProperties.class).get();
        assertThat(p).isEqualTo(new WhatsAppProperties("app-secret", "verify", URI.create("http://127.0.0.1:9999/v20.0"),
                "token", "1065", Duration.ofSeconds(10)));
        assertThat(p.canSend()).isTrue();
    }

    @Test
    void theDefaultApiUrlIsMetasGraphApi() {
        WhatsAppProperties p = Binder.get(new StandardEnvironment())
                .bindOrCreate("socketeer.server.whatsapp", WhatsAppProperties.class);
        assertThat(p.apiUrl()).isEqualTo(URI.create("https://graph.facebook.com/v21.0"));
        assertThat(p.canSend()).isFalse();
    }
}
