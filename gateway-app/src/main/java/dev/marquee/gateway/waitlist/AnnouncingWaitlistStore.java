package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.booking.waitlist.WaitlistStore;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.broadcast.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The waitlist's store, broadcasting each committed change of an entry (an offer, a lapse, a cancellation) under its
 * show, so every instance wakes the long-polls and streams it holds for that show's entries; the positions of the
 * others move too. Each store call commits on its own, so the broadcast follows the commit.
 */
public final class AnnouncingWaitlistStore implements WaitlistStore {
    private final WaitlistStore store;
    private final Broadcasts broadcasts;

    private AnnouncingWaitlistStore(WaitlistStore store, Broadcasts broadcasts) {
        this.store = store;
        this.broadcasts = broadcasts;
    }

    /** The waitlist's entries, kept in {@code store}, with every change broadcast. */
    public static WaitlistStore of(WaitlistStore store, Broadcasts broadcasts) {
        return new AnnouncingWaitlistStore(store, broadcasts);
    }

    @Override
    public boolean offer(String id, String holdId, String holdToken, Instant holdExpiresAt, Instant now) {
        return announced(id, store.offer(id, holdId, holdToken, holdExpiresAt, now));
    }

    @Override
    public boolean move(String id, WaitlistStatus from, WaitlistStatus to, Instant now) {
        return announced(id, store.move(id, from, to, now));
    }

    private boolean announced(String id, boolean changed) {
        if (changed) {
            store.find(id).ifPresent(stored -> broadcasts.announce(Topic.WAITLIST, stored.entry().showId()));
        }
        return changed;
    }

    @Override
    public void add(String id, String showId, String email, int seatCount, String category, String tokenHash, Instant joinedAt) {
        store.add(id, showId, email, seatCount, category, tokenHash, joinedAt);
    }

    @Override
    public Optional<StoredEntry> find(String id) {
        return store.find(id);
    }

    @Override
    public List<WaitlistEntry> waiting(String showId) {
        return store.waiting(showId);
    }

    @Override
    public int position(WaitlistEntry entry) {
        return store.position(entry);
    }

    @Override
    public List<String> showsWithWaiting() {
        return store.showsWithWaiting();
    }

    @Override
    public Optional<WaitlistEntry> offeredWith(String holdId) {
        return store.offeredWith(holdId);
    }
}
