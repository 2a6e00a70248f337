package dev.socketeer.server.claims;

import dev.socketeer.core.SocketIoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 000's {@code ClaimsGateway.emitNewClaim}: after a claim's transaction commits, {@code newClaim} with
 * the stored claim goes to every client of namespace {@code /}, anonymous ones included. The claim is
 * turned into JSON by the application's (REST) mapper, so the event carries the same JSON as the REST response.
 */
@Component
final class ClaimsGateway {

    static final String NEW_CLAIM = "newClaim";
    private static final Logger log = LoggerFactory.getLogger(ClaimsGateway.class);

    private final SocketIoServer io;
    private final JsonMapper json;

    ClaimsGateway(SocketIoServer io, JsonMapper json) {
        this.io = io;
        this.json = json;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void emitNewClaim(ClaimCreated event) {
        JsonNode claim = json.valueToTree(event.claim());
        io.emit(NEW_CLAIM, claim);
        log.info("Emitted {} for claim {}", NEW_CLAIM, event.claim().id());
    }
}
