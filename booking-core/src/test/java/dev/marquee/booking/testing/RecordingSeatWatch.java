package dev.marquee.booking.testing;

import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps what it is told, and passes freed seats on to a listener set after construction (the waitlist, which
 * itself needs the holds that tell this watch).
 */
public final class RecordingSeatWatch implements SeatWatch {
    private final List<String> changed = new ArrayList<>();
    private final List<SeatsFreed> freed = new ArrayList<>();
    private volatile Consumer<SeatsFreed> onFreed = event -> {
    };

    @Override
    public void seatsChanged(String showId) {
        synchronized (this) {
            changed.add(showId);
        }
    }

    @Override
    public void seatsFreed(SeatsFreed event) {
        synchronized (this) {
            freed.add(event);
        }
        onFreed.accept(event);
    }

    /** From now on, freed seats are also passed to {@code listener}. */
    public void passFreedSeatsTo(Consumer<SeatsFreed> listener) {
        this.onFreed = Objects.requireNonNull(listener, "listener");
    }

    /** The shows whose seats changed, once per notice, in order. */
    public synchronized List<String> changed() {
        return List.copyOf(changed);
    }

    public synchronized List<SeatsFreed> freed() {
        return List.copyOf(freed);
    }
}
