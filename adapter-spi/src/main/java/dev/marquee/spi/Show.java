package dev.marquee.spi;

import java.time.Instant;
import java.util.List;

/**
 * One screening of a movie in a hall.
 *
 * @param ref the chain's id of the show
 * @param movieRef the {@link Movie#ref()} shown
 * @param hallRef the {@link Hall#ref()} it is shown in
 * @param startsAt when it starts
 * @param endsAt when it ends; tickets are not valid after it
 * @param format the projection format ("2D", "3D", "IMAX")
 * @param language the spoken language, as an IETF tag ("en")
 * @param status whether it takes place
 * @param prices a price for each seat category of the hall
 * @param seatsAvailable how many seats were neither held nor sold when the chain answered
 */
public record Show(
        String ref,
        String movieRef,
        String hallRef,
        Instant startsAt,
        Instant endsAt,
        String format,
        String language,
        ShowStatus status,
        List<SeatPrice> prices,
        int seatsAvailable) {

    public Show {
        Checks.text(ref, "ref");
        Checks.text(movieRef, "movieRef");
        Checks.text(hallRef, "hallRef");
        Checks.required(startsAt, "startsAt");
        Checks.required(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt: " + startsAt + " .. " + endsAt);
        }
        Checks.text(format, "format");
        Checks.text(language, "language");
        Checks.required(status, "status");
        prices = Checks.list(prices, "prices");
        Checks.notNegative(seatsAvailable, "seatsAvailable");
    }
}
