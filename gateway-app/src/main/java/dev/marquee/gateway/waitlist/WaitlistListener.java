package dev.marquee.gateway.waitlist;

import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.waitlist.Waitlist;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Hands seats freed through the gateway to the waitlist. */
@Singleton
public class WaitlistListener {
    private final Waitlist waitlist;

    public WaitlistListener(Waitlist waitlist) {
        this.waitlist = waitlist;
    }

    @EventListener
    void onSeatsFreed(SeatsFreed event) {
        waitlist.seatsFreed(event);
    }
}
