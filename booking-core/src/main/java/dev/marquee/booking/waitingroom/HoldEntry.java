package dev.marquee.booking.waitingroom;

/** Whether a hold on a show may be tried, as far as the waiting room is concerned. */
public sealed interface HoldEntry {

    /** The show is not in queue mode. */
    record Open() implements HoldEntry {
    }

    /** The show is in queue mode and the admission token presented is valid for it. */
    record Admitted(QueuePlace place) implements HoldEntry {
    }

    /** The show is in queue mode and no valid admission for it was presented. */
    record AdmissionRequired(String showId, String reason) implements HoldEntry {
    }
}
