package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/checkins}: what the scanner read from the ticket's QR code. */
@Serdeable
public record CheckinBody(@Nullable String qrPayload) {

    /** Read from the JSON tree, so that a {@code qrPayload} of the wrong type is answered naming it. */
    static CheckinBody of(@Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "qrPayload");
        CheckinBody checkin = new CheckinBody(fields.text("qrPayload"));
        fields.check();
        return checkin;
    }
}
