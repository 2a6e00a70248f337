package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.server.SocketeerServerApplication;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.LeakGuard;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * API keys: the configured ones (also from {@code SOCKETEER_SERVER_API_KEYS=a,b}) are valid and nothing else;
 * without any a development key is generated and logged; the {@code prod} profile refuses to start without keys.
 */
@ExtendWith({LeakGuard.class, OutputCaptureExtension.class})
class ApiKeysTest {

    @Test
    void configuredKeysAreValidAndNothingElse() {
        ApiKeys keys = new ApiKeys(new ApiKeyProperties(List.of(" first-key ", "", "second-key")));
        assertThat(keys.valid("first-key")).isTrue();
        assertThat(keys.valid("second-key")).isTrue();
        for (String other : List.of("", " first-key ", "first-ke", "first-keyy", "FIRST-KEY", "second-key\n")) {
            assertThat(keys.valid(other)).as(other).isFalse();
        }
    }

    @Test
    void withoutKeysADevelopmentKeyIsGeneratedAndLogged(CapturedOutput output) {
        ApiKeys keys = new ApiKeys(new ApiKeyProperties(List.of(" ")));
        Matcher logged = Pattern.compile("X-API-Key: (dev-[A-Za-z0-9_-]{43})").matcher(output.getOut());
        assertThat(logged.find()).as("the generated key is logged").isTrue();
        assertThat(keys.valid(logged.group(1))).isTrue();
        assertThat(keys.valid(" ")).isFalse();
        assertThat(new ApiKeys(new ApiKeyProperties(null)).valid(logged.group(1))).as("a new key each time").isFalse();
    }

    @Test
    void theEnvironmentVariableHoldsCommaSeparatedKeys() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SOCKETEER_SERVER_API_KEYS", "key-one, key-two")));
        ApiKeyProperties bound = Binder.get(environment).bind("socketeer.server", ApiKeyProperties.class).get();
        assertThat(bound.keys()).containsExactly("key-one", "key-two");
        environment.setActiveProfiles("prod");
        assertThatCode(() -> new ApiKeyCheck().postProcessEnvironment(environment, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void prodWithoutKeysIsRefusedBeforeAnythingStarts() {
        for (String keys : new String[] {null, "", " , "}) {
            MockEnvironment environment = new MockEnvironment();
            if (keys != null) environment.setProperty("socketeer.server.api-keys", keys);
            environment.setActiveProfiles("prod");
            assertThatThrownBy(() -> new ApiKeyCheck().postProcessEnvironment(environment, new SpringApplication()))
                    .isInstanceOf(MissingApiKeysException.class);
            environment.setActiveProfiles("default");
            assertThatCode(() -> new ApiKeyCheck().postProcessEnvironment(environment, new SpringApplication()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theProdProfileRefusesToStartWithoutKeys() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SocketeerServerApplication.class)
                .profiles("prod")
                .run("--server.port=0", "--socketeer.server.jwt.secret=" + TestTokens.SECRET,
                        "--spring.datasource.url=jdbc:h2:mem:prod-keys;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE")
                .close())
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(MissingApiKeysException.class)
                        .hasMessageContaining("socketeer.server.api-keys must be set")
                        .hasMessageContaining("SOCKETEER_SERVER_API_KEYS"));
    }
}
