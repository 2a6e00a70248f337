package dev.socketeer.server.customers;

import java.time.Instant;
import java.util.Map;

/**
 * Published inside the updating transaction; after commit it goes to every client of {@code /} as
 * {@code customerUpdated} ({@link CustomerBroadcasts}), as it is.
 *
 * @param changes   the fields the request changed, with their stored values ({@code phone} null when removed)
 * @param timestamp when it was stored ({@code updatedAt})
 */
record CustomerUpdated(long customerId, Map<String, Object> changes, Instant timestamp) {}
