/**
 * Implementation of the Spring Boot integration: the web-server mount, gateway wiring, handshake
 * authentication, metrics and health. Not public API; may change without notice.
 */
package dev.socketeer.spring.internal;
