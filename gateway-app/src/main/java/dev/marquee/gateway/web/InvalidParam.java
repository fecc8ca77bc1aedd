package dev.marquee.gateway.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * One request parameter at fault, as listed in a problem's {@code invalidParams} extension.
 *
 * @param name the parameter's name as the client sent it ("date", "lat")
 * @param reason what is wrong with it, for people
 */
@Serdeable
public record InvalidParam(String name, String reason) {
    public InvalidParam {
        name = Problem.cut(Objects.requireNonNull(name, "name"), Problem.MAX_ECHO);
        reason = Problem.cut(Objects.requireNonNull(reason, "reason"), Problem.MAX_TEXT);
    }
}
