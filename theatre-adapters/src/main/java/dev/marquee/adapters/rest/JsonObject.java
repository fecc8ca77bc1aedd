package dev.marquee.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON object read field by field, each read naming the field's path when it is missing or of the wrong
 * type ({@code shows[3].startsAt is missing}). Unknown fields are ignored so that a chain may add some.
 */
final class JsonObject {
    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonObject root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException("the body is not a JSON object");
        }
        return new JsonObject(node, "");
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return value.textValue();
    }

    /** A string that may be missing or null. */
    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string or null");
        }
        return value.textValue();
    }

    int integer(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number");
        }
        return value.intValue();
    }

    double number(String field) {
        JsonNode value = required(field);
        if (!value.isNumber()) {
            throw wrongType(field, "a number");
        }
        return value.doubleValue();
    }

    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return value.booleanValue();
    }

    Instant instant(String field) {
        String text = text(field);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new MalformedJsonException(name(field) + " is not an ISO 8601 instant: " + text);
        }
    }

    JsonObject object(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return new JsonObject(value, name(field));
    }

    List<JsonObject> objects(String field) {
        JsonNode array = array(field);
        List<JsonObject> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String itemPath = name(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw new MalformedJsonException(itemPath + " must be an object");
            }
            items.add(new JsonObject(item, itemPath));
        }
        return items;
    }

    List<String> texts(String field) {
        JsonNode array = array(field);
        List<String> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw new MalformedJsonException(name(field) + "[" + i + "] must be a string");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** Where this object sits in the body, for messages. */
    String path() {
        return path.isEmpty() ? "the body" : path;
    }

    private JsonNode array(String field) {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw wrongType(field, "an array");
        }
        return value;
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedJsonException(name(field) + " is missing");
        }
        return value;
    }

    private MalformedJsonException wrongType(String field, String expected) {
        return new MalformedJsonException(name(field) + " must be " + expected + ", was " + node.get(field).getNodeType());
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
