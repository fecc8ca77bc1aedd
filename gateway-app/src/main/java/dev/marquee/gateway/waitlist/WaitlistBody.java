package dev.marquee.gateway.waitlist;

import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of a request to join a show's waitlist, read from the JSON tree so a field of the wrong type is named. */
@Serdeable
public record WaitlistBody(@Nullable String email, @Nullable Integer seatCount, @Nullable String category) {

    static WaitlistBody of(@Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "email, seatCount and category");
        WaitlistBody join = new WaitlistBody(fields.text("email"), fields.integer("seatCount"), fields.text("category"));
        fields.check();
        return join;
    }
}
