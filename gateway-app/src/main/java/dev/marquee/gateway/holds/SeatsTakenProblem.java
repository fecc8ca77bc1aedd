package dev.marquee.gateway.holds;

import dev.marquee.gateway.web.ProblemType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The problem answer for seats already held or sold: RFC 9457 with the taken seats named.
 *
 * @param type the problem type URI
 * @param title the kind
 * @param status 409
 * @param detail what happened
 * @param instance the request path
 * @param seatsTaken exactly the requested seats that are taken
 */
@Serdeable
public record SeatsTakenProblem(String type, String title, int status, String detail, String instance, List<String> seatsTaken) {
    static SeatsTakenProblem of(List<String> seats, String path) {
        return new SeatsTakenProblem(ProblemType.SEATS_TAKEN.uri(), ProblemType.SEATS_TAKEN.title(), 409,
                "Seats already held or sold: " + String.join(", ", seats) + "; nothing was held", path, List.copyOf(seats));
    }
}
