/**
 * Donations (seed 004): donors offer food ({@code POST /api/v1/donations}), NGOs claim it and report its
 * pickup and delivery; every step goes to the clients of namespace {@code /donations} after commit
 * ({@code donation.created}, {@code donation.claimed}, {@code donation.status.updated}) and, as a stored
 * notification, to the donor.
 *
 * <p>Concurrency: a claim is one conditional {@code UPDATE} (available, not expired), so of many NGOs claiming
 * at once exactly one wins; status changes are conditional on the previous status and the claiming NGO.
 * Threading: JDBC runs on the bounded elastic scheduler ({@code common.Blocking}), socket handlers on the
 * gateway's handler executor, emits after commit on the committing thread.
 */
package dev.socketeer.server.donations;
