package dev.socketeer.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What {@code POST /api/v1/claims} accepts as money: a JSON number, positive, at most 13 integer digits and 2
 * decimals (15 significant digits, so a JavaScript client reads it without loss); text is stored as sent.
 */
@ServerTest
class ClaimInputTest {

    @LocalServerPort
    int port;
    WebTestClient http;
    String token;

    @BeforeEach
    void setUp() {
        ApiTestClient api = new ApiTestClient(port);
        http = api.http();
        token = api.newUserToken();
    }

    @Test
    void amountAsAStringIs400NamingTheField() {
        for (Object amount : new Object[] {"12.5", "12", true, Map.of("value", 12)}) {
            post(claim(amount)).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("amount")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("amount"));
        }
    }

    @Test
    void amountIsBoundedSoJavaScriptReadsItExactly() {
        JsonNode largest = ApiTestClient.json(post(claim(new BigDecimal("9999999999999.99"))).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(largest.path("amount").decimalValue()).isEqualByComparingTo("9999999999999.99");
        // 15 significant digits survive a double: what JSON.parse makes of it prints back the same
        assertThat(BigDecimal.valueOf(Double.parseDouble("9999999999999.99"))).isEqualByComparingTo("9999999999999.99");
        for (String tooMuch : new String[] {"10000000000000", "9007199254740993", "1e20", "0.001"}) {
            post(claim(new BigDecimal(tooMuch))).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount");
        }
    }

    @Test
    void htmlInTitlesIsStoredAndAnsweredAsSent() {
        String title = "<img src=x onerror=alert(1)>";
        post(Map.of("title", title, "description", "<b>bold</b> & \"quoted\"", "amount", 5, "currency", "EUR"))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.title").isEqualTo(title)
                .jsonPath("$.description").isEqualTo("<b>bold</b> & \"quoted\"");
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return http.post().uri("/api/v1/claims").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> claim(Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Broken window");
        body.put("description", "Storm damage");
        body.put("amount", amount);
        body.put("currency", "EUR");
        return body;
    }
}
