package dev.marquee.spi;

import java.time.Instant;
import java.util.List;

/** What the chain answered to a {@link SeatLockRequest}. */
public sealed interface LockOutcome {

    /**
     * Every requested seat is locked.
     *
     * @param lockRef the chain's id of the lock, for release and confirm
     * @param expiresAt when the chain drops the lock unless it is confirmed
     */
    record Locked(String lockRef, Instant expiresAt) implements LockOutcome {
        public Locked {
            Checks.text(lockRef, "lockRef");
            Checks.required(expiresAt, "expiresAt");
        }
    }

    /**
     * Nothing was locked because some seats are held or sold already.
     *
     * @param seatRefs exactly the requested seats that are taken
     */
    record SeatsTaken(List<String> seatRefs) implements LockOutcome {
        public SeatsTaken {
            seatRefs = Checks.list(seatRefs, "seatRefs");
            if (seatRefs.isEmpty()) {
                throw new IllegalArgumentException("seatRefs must name the taken seats");
            }
        }
    }

    /**
     * Nothing was locked because the request cannot be served at all: the show is unknown,
     * cancelled or over, or a seat is not in its hall.
     *
     * @param reason why, for people
     */
    record Refused(String reason) implements LockOutcome {
        public Refused {
            Checks.text(reason, "reason");
        }
    }
}
