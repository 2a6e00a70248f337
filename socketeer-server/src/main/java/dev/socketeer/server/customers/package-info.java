/**
 * Seed 001's customers: {@code /api/v1/customers} CRUD (ADMIN or API key), stored in table {@code customer}
 * ({@code V6__customers.sql}); a change reaches every client of {@code /} as {@code customerUpdated
 * {customerId, changes, timestamp}} after commit, through the event hub's facade.
 *
 * <p>Threading: controllers return Reactor types; JDBC runs on the bounded elastic scheduler.
 */
package dev.socketeer.server.customers;
