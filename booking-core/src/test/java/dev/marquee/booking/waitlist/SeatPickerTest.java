package dev.marquee.booking.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.spi.Seat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeatPickerTest {

    /** Rows A..E of ten seats, x = number, y = row index; all standard unless said. */
    private static List<Seat> hall() {
        List<Seat> seats = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            String row = String.valueOf((char) ('A' + r));
            for (int n = 1; n <= 10; n++) {
                seats.add(new Seat(row + n, row, n, n, r, r == 0 && n <= 2 ? "wheelchair" : "standard"));
            }
        }
        return seats;
    }

    @Test
    void aPartySitsSideBySideInTheMiddleRowFirst() {
        assertThat(SeatPicker.pick(hall(), 2, null)).contains(List.of("C5", "C6"));
    }

    @Test
    void seatsWithAGapBetweenThemAreNotSideBySide() {
        List<Seat> free = hall().stream().filter(s -> s.row().equals("A") && (s.number() == 3 || s.number() == 5 || s.number() == 6)).toList();
        assertThat(SeatPicker.pick(free, 2, null)).contains(List.of("A5", "A6"));
    }

    @Test
    void withoutABlockLongEnoughThePartyGetsTheNearestSeatsInRowOrder() {
        List<Seat> free = hall().stream().filter(s -> s.ref().equals("B2") || s.ref().equals("B4") || s.ref().equals("D7")).toList();
        assertThat(SeatPicker.pick(free, 3, null)).contains(List.of("B2", "B4", "D7"));
    }

    @Test
    void onlyTheWantedCategoryCounts() {
        assertThat(SeatPicker.pick(hall(), 2, "wheelchair")).contains(List.of("A1", "A2"));
        assertThat(SeatPicker.pick(hall(), 3, "wheelchair")).isEmpty();
    }

    @Test
    void tooFewFreeSeatsGiveNothing() {
        assertThat(SeatPicker.pick(List.of(), 1, null)).isEmpty();
    }
}
