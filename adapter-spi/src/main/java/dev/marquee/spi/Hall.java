package dev.marquee.spi;

/**
 * A screen (auditorium) of a cinema.
 *
 * @param ref the chain's id of the hall
 * @param cinemaRef the {@link Cinema#ref()} it belongs to
 * @param name its name ("Screen 3")
 * @param layout its seats
 */
public record Hall(String ref, String cinemaRef, String name, SeatLayout layout) {
    public Hall {
        Checks.text(ref, "ref");
        Checks.text(cinemaRef, "cinemaRef");
        Checks.text(name, "name");
        Checks.required(layout, "layout");
    }
}
