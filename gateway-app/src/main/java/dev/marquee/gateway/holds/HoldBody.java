package dev.marquee.gateway.holds;

import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON body of a hold request; every field is checked by the core's {@link dev.marquee.booking.holds.Holds}, not by binding.
 * It is read from the JSON tree rather than bound, so that a field of the wrong type is answered naming that field.
 */
@Serdeable
public record HoldBody(@Nullable String showId, @Nullable List<String> seatIds, @Nullable String email) {

    /** The body's fields, each absent when null; a field of another JSON type answers 400 naming it. */
    static HoldBody of(@Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "showId, seatIds and email");
        HoldBody hold = new HoldBody(fields.text("showId"), fields.texts("seatIds"), fields.text("email"));
        fields.check();
        return hold;
    }
}
