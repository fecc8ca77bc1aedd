package dev.marquee.booking.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where waitlist entries are kept, shared by every gateway instance; the store numbers entries in join order. */
public interface WaitlistStore {

    /** Adds a {@code WAITING} entry, numbered after every entry added before it. */
    void add(String id, String showId, String email, int seatCount, String category, String tokenHash, Instant joinedAt);

    Optional<StoredEntry> find(String id);

    /** The show's waiting entries in join order. */
    List<WaitlistEntry> waiting(String showId);

    /** 1 for the first in line: how many waiting entries of the show joined before this one, plus one. */
    int position(WaitlistEntry entry);

    /** Shows that have someone waiting. */
    List<String> showsWithWaiting();

    /** Records an offer; only a still-waiting entry can get one. */
    boolean offer(String id, String holdId, String holdToken, Instant holdExpiresAt, Instant now);

    /** Moves an entry on from one status to another, if it is still in the first. */
    boolean move(String id, WaitlistStatus from, WaitlistStatus to, Instant now);

    /** The {@code OFFERED} entry an offered hold was made for, if any. */
    Optional<WaitlistEntry> offeredWith(String holdId);

    /** An entry with the hash of its token. */
    record StoredEntry(WaitlistEntry entry, String tokenHash) {
    }
}
