/**
 * Seed 001's WhatsApp integration on the Cloud API: the webhook ({@code /webhooks/whatsapp}: Meta's
 * verification handshake, signed deliveries relayed as {@code whatsappStatusUpdate} and
 * {@code whatsappMessageUpdate} to every client of {@code /}) and sending ({@code POST /api/v1/whatsapp/messages},
 * then {@code whatsappMessageSent}). Configuration: {@code socketeer.server.whatsapp.*}.
 *
 * <p>Threading: everything is non-blocking; the outbound call uses the JDK's HTTP client.
 */
package dev.socketeer.server.whatsapp;
