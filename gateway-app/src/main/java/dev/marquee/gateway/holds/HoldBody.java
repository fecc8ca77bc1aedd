package dev.marquee.gateway.holds;

import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.InvalidParametersException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of a hold request; every field is checked by the core's {@link dev.marquee.booking.holds.Holds}, not by binding.
 * It is read from the JSON tree rather than bound, so that a field of the wrong type is answered naming that field.
 */
@Serdeable
public record HoldBody(@Nullable String showId, @Nullable List<String> seatIds, @Nullable String email) {

    /** The body's fields, each absent when null; a field of another JSON type answers 400 naming it. */
    static HoldBody of(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidParametersException.of("body", "must be a JSON object with showId, seatIds and email");
        }
        List<InvalidParam> wrong = new ArrayList<>();
        String showId = text(body, "showId", wrong);
        List<String> seatIds = texts(body, "seatIds", wrong);
        String email = text(body, "email", wrong);
        if (!wrong.isEmpty()) {
            throw new InvalidParametersException(wrong);
        }
        return new HoldBody(showId, seatIds, email);
    }

    private static String text(JsonNode body, String field, List<InvalidParam> wrong) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            wrong.add(new InvalidParam(field, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    private static List<String> texts(JsonNode body, String field, List<InvalidParam> wrong) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value.values()) {
                if (!item.isString()) {
                    wrong.add(new InvalidParam(field, "must be an array of strings"));
                    return null;
                }
                texts.add(item.getStringValue());
            }
            return texts;
        }
        wrong.add(new InvalidParam(field, "must be an array of strings"));
        return null;
    }
}
