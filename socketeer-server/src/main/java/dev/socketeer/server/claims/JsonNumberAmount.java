package dev.socketeer.server.claims;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an amount from a JSON number only: Jackson would also turn {@code "12.5"} (and other scalars) into a
 * {@link BigDecimal}, and money that arrives as text is a client bug worth a 400 naming the field. Stateless.
 */
final class JsonNumberAmount extends StdDeserializer<BigDecimal> {

    JsonNumberAmount() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken().isNumeric()) {
            return p.getDecimalValue();
        }
        return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
}
