package dev.marquee.gateway.waitingroom;

import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/** The body of a request to put a show or an on-sale in queue mode; the core checks the values. */
record QueueModeBody(@Nullable Integer admissionsPerMinute, @Nullable Integer admissionValiditySeconds) {

    static QueueModeBody of(@Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "admissionsPerMinute and admissionValiditySeconds");
        QueueModeBody mode = new QueueModeBody(fields.integer("admissionsPerMinute"), fields.integer("admissionValiditySeconds"));
        fields.check();
        return mode;
    }
}
