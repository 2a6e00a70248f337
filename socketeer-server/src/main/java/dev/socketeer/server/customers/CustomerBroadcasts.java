package dev.socketeer.server.customers;

import dev.socketeer.server.hub.HubEvents;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After a customer's change commits, {@code customerUpdated {customerId, changes, timestamp}} goes to every
 * client of {@code /} through the hub ({@link HubEvents#broadcastCustomEvent}); a rolled-back change sends
 * nothing. Runs on the thread that committed; stateless.
 */
@Component
final class CustomerBroadcasts {
    static final String CUSTOMER_UPDATED = "customerUpdated";

    private final HubEvents hub;

    CustomerBroadcasts(HubEvents hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void updated(CustomerUpdated event) {
        hub.broadcastCustomEvent(CUSTOMER_UPDATED, event);
    }
}
