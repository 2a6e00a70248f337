package dev.socketeer.server.donations;

/**
 * Where a donation is in its life: {@code AVAILABLE → CLAIMED → PICKED_UP → DELIVERED}, one step at a time.
 * Stored and sent by name.
 */
enum DonationStatus {
    AVAILABLE, CLAIMED, PICKED_UP, DELIVERED;

    /** The status that may follow this one, or {@code null} after the last. */
    DonationStatus next() {
        int i = ordinal() + 1;
        return i < values().length ? values()[i] : null;
    }

    /** Why {@code requested} cannot follow this status, naming this (the current) status. */
    String refusal(DonationStatus requested) {
        if (this == AVAILABLE) {
            return "Donation is AVAILABLE; it must be claimed first (POST /api/v1/donations/{id}/claim)";
        }
        DonationStatus next = next();
        return next == null
                ? "Donation is " + this + "; no status can follow, so it cannot become " + requested
                : "Donation is " + this + "; only " + next + " can follow, not " + requested;
    }
}
