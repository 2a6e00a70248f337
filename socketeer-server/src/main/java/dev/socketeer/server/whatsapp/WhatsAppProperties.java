package dev.socketeer.server.whatsapp;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketeer.server.whatsapp.*} ({@code SOCKETEER_SERVER_WHATSAPP_APP_SECRET} and so on): the WhatsApp
 * Cloud API. Without an app secret every webhook delivery is refused, without a verify token every
 * subscription handshake, and without an access token and phone number id sending is refused (503).
 * Immutable.
 *
 * @param appSecret     the Meta app's secret: {@code X-Hub-Signature-256} is HMAC-SHA256 of the body with it
 * @param verifyToken   what Meta's subscription handshake must send as {@code hub.verify_token}
 * @param apiUrl        the Graph API base URL (a local fake in tests)
 * @param accessToken   the bearer token for sending
 * @param phoneNumberId the business phone number's id: messages go to {@code POST {apiUrl}/{phoneNumberId}/messages}
 * @param timeout       how long a send may take, connecting included
 */
@ConfigurationProperties("socketeer.server.whatsapp")
record WhatsAppProperties(String appSecret,
                          String verifyToken,
                          @DefaultValue("https://graph.facebook.com/v21.0") URI apiUrl,
                          String accessToken,
                          String phoneNumberId,
                          @DefaultValue("10s") Duration timeout) {

    boolean canSend() {
        return accessToken != null && !accessToken.isBlank() && phoneNumberId != null && !phoneNumberId.isBlank();
    }
}
