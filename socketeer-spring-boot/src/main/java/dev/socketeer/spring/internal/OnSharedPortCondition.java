package dev.socketeer.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code socketeer.port} is not set: Socket.IO then shares the web server's port. */
public final class OnSharedPortCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().containsProperty("socketeer.port")
                ? ConditionOutcome.noMatch("socketeer.port is set: dedicated Socket.IO server")
                : ConditionOutcome.match("socketeer.port is not set: mounted on the web server");
    }
}
