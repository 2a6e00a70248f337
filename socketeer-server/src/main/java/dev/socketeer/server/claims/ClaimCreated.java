package dev.socketeer.server.claims;

/** Published inside the creating transaction; listeners that act after commit see the stored claim. */
record ClaimCreated(Claim claim) {}
