/**
 * Claims (seed 000): {@code POST/GET /api/v1/claims}, persisted with Spring Data JDBC, and the
 * {@code newClaim} broadcast on namespace {@code /} after commit ({@code ClaimsGateway}).
 */
package dev.socketeer.server.claims;
