package dev.marquee.gateway.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body's fields from its JSON tree, so that a field of the wrong JSON type is answered 400
 * naming that field: binding to a record instead fails on the body as a whole and names only {@code body}.
 * Each reader gives null for an absent or null field and notes a wrong type; {@link #check()} then throws
 * once, naming every field at fault.
 */
public final class JsonFields {
    private final JsonNode object;
    private final String prefix;
    private final List<InvalidParam> wrong;

    private JsonFields(JsonNode object, String prefix, List<InvalidParam> wrong) {
        this.object = object;
        this.prefix = prefix;
        this.wrong = wrong;
    }

    /** The body's fields; a body that is not a JSON object answers 400 naming {@code body} with what it should hold. */
    public static JsonFields of(@Nullable JsonNode body, String expected) {
        if (body == null || !body.isObject()) {
            throw InvalidParametersException.of("body", "must be a JSON object with " + expected);
        }
        return new JsonFields(body, "", new ArrayList<>());
    }

    /** The fields of a nested object, named {@code field.name}; null when absent, noted when not an object. */
    public @Nullable JsonFields object(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            wrong.add(new InvalidParam(prefix + field, "must be a JSON object"));
            return null;
        }
        return new JsonFields(value, prefix + field + ".", wrong);
    }

    public @Nullable String text(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            wrong.add(new InvalidParam(prefix + field, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    /** A whole number that fits an int; a fraction, a string or a number out of range is noted. */
    public @Nullable Integer integer(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !isWhole(value)) {
            wrong.add(new InvalidParam(prefix + field, "must be a whole number"));
            return null;
        }
        return value.getIntValue();
    }

    public @Nullable List<String> texts(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            wrong.add(new InvalidParam(prefix + field, "must be an array of strings"));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                wrong.add(new InvalidParam(prefix + field, "must be an array of strings"));
                return null;
            }
            texts.add(item.getStringValue());
        }
        return texts;
    }

    /** Answers 400 naming every field read so far that had the wrong type; nothing when all were right. */
    public void check() {
        if (!wrong.isEmpty()) {
            throw new InvalidParametersException(wrong);
        }
    }

    private @Nullable JsonNode present(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static boolean isWhole(JsonNode number) {
        BigDecimal value;
        try {
            value = number.getBigDecimalValue();
        } catch (NumberFormatException e) {
            return false; // 1e309 reads as an infinite double, which no BigDecimal holds
        }
        return value.stripTrailingZeros().scale() <= 0 && value.toBigInteger().bitLength() < Integer.SIZE;
    }
}
