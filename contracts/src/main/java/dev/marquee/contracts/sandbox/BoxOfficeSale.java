package dev.marquee.contracts.sandbox;

import java.util.List;
import java.util.Objects;

/** What a sale at the chain's own box office came to. */
public sealed interface BoxOfficeSale {

    /** Every seat was sold; one ticket per seat, in the order the seats were asked for. */
    record Sold(String bookingId, List<String> ticketIds) implements BoxOfficeSale {
        public Sold {
            Objects.requireNonNull(bookingId, "bookingId");
            ticketIds = List.copyOf(Objects.requireNonNull(ticketIds, "ticketIds"));
        }
    }

    /** Some seats were held or sold already; nothing was sold. */
    record SeatsTaken(List<String> seatIds) implements BoxOfficeSale {
        public SeatsTaken {
            seatIds = List.copyOf(Objects.requireNonNull(seatIds, "seatIds"));
        }
    }
}
