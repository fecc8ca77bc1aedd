package dev.marquee.gateway.waitingroom;

import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/** The body of a request to join a show's queue. */
record QueueJoinBody(@Nullable String email) {

    static QueueJoinBody of(@Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "email");
        QueueJoinBody join = new QueueJoinBody(fields.text("email"));
        fields.check();
        return join;
    }
}
