package dev.marquee.booking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.booking.waitlist.WaitlistStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WaitlistStore} does, as its Javadoc promises. A store passes by extending this class. Each
 * test uses shows and entries of its own and assumes nothing about other entries in the store.
 */
public abstract class WaitlistStoreContract {
    private static final String TOKEN_HASH = "0a".repeat(32);

    /** A fixed moment, so that stores can be tested without a clock; timestamps keep whole seconds. */
    protected final Instant now = Instant.parse("2030-03-01T10:00:00Z");

    private final String show = UniqueIds.next("show");

    /** The store under test; the same instance for every call within one test. */
    protected abstract WaitlistStore store();

    private WaitlistEntry joined(String showId, int seatCount) {
        String id = UniqueIds.next("wl");
        store().add(id, showId, "ada@example.com", seatCount, null, TOKEN_HASH, now);
        return entry(id);
    }

    private WaitlistEntry joined() {
        return joined(show, 2);
    }

    private WaitlistEntry entry(String id) {
        return store().find(id).orElseThrow().entry();
    }

    private boolean offer(WaitlistEntry entry, String holdId) {
        return store().offer(entry.id(), holdId, "token-of-" + holdId, now.plusSeconds(300), now);
    }

    @Test
    void aNewEntryWaitsWithWhatItAskedForAndItsTokenHash() {
        String id = UniqueIds.next("wl");

        store().add(id, show, "ada@example.com", 3, "wheelchair", TOKEN_HASH, now);

        WaitlistStore.StoredEntry stored = store().find(id).orElseThrow();
        assertThat(stored.tokenHash()).isEqualTo(TOKEN_HASH);
        WaitlistEntry entry = stored.entry();
        assertThat(entry).extracting(WaitlistEntry::showId, WaitlistEntry::email, WaitlistEntry::seatCount, WaitlistEntry::category,
                WaitlistEntry::status, WaitlistEntry::holdId, WaitlistEntry::joinedAt)
                .containsExactly(show, "ada@example.com", 3, "wheelchair", WaitlistStatus.WAITING, null, now);
    }

    @Test
    void anEntryWithoutACategoryTakesAnySeat() {
        assertThat(joined().category()).isNull();
    }

    @Test
    void anUnknownEntryIsNotFound() {
        assertThat(store().find(UniqueIds.next("wl"))).isEmpty();
    }

    @Test
    void entriesAreNumberedInTheOrderTheyWereAdded() {
        WaitlistEntry first = joined();
        WaitlistEntry second = joined(UniqueIds.next("show"), 1);
        WaitlistEntry third = joined();

        assertThat(first.seq()).isLessThan(second.seq());
        assertThat(second.seq()).isLessThan(third.seq());
    }

    @Test
    void waitingListsTheShowsWaitingEntriesInJoinOrder() {
        WaitlistEntry first = joined();
        WaitlistEntry left = joined();
        joined(UniqueIds.next("show"), 1);
        WaitlistEntry second = joined();
        WaitlistEntry third = joined();
        store().move(left.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, now);

        assertThat(store().waiting(show)).extracting(WaitlistEntry::id).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void aPositionCountsTheShowsWaitingEntriesAheadOfIt() {
        WaitlistEntry first = joined();
        WaitlistEntry offered = joined();
        joined(UniqueIds.next("show"), 1);
        WaitlistEntry third = joined();
        offer(offered, UniqueIds.next("hld"));

        assertThat(store().position(first)).isEqualTo(1);
        assertThat(store().position(third)).isEqualTo(2);
    }

    @Test
    void showsWithWaitingNamesOnlyShowsThatHaveSomeoneWaiting() {
        joined();
        String nobodyWaiting = UniqueIds.next("show");
        WaitlistEntry left = joined(nobodyWaiting, 1);
        store().move(left.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, now);

        assertThat(store().showsWithWaiting()).contains(show).doesNotContain(nobodyWaiting).doesNotHaveDuplicates();
    }

    @Test
    void anOfferRecordsTheHoldMadeForAWaitingEntry() {
        WaitlistEntry entry = joined();

        assertThat(store().offer(entry.id(), "hld_offer", "hold-token", now.plusSeconds(300), now)).isTrue();

        WaitlistEntry offered = entry(entry.id());
        assertThat(offered).extracting(WaitlistEntry::status, WaitlistEntry::holdId, WaitlistEntry::holdToken,
                WaitlistEntry::holdExpiresAt).containsExactly(WaitlistStatus.OFFERED, "hld_offer", "hold-token", now.plusSeconds(300));
    }

    @Test
    void onlyAWaitingEntryCanBeOffered() {
        WaitlistEntry entry = joined();
        store().move(entry.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, now);

        assertThat(offer(entry, UniqueIds.next("hld"))).isFalse();
        assertThat(entry(entry.id()).status()).isEqualTo(WaitlistStatus.CANCELLED);
    }

    @Test
    void ofManyConcurrentOffersToOneEntryExactlyOneIsRecorded() {
        WaitlistEntry entry = joined();

        List<Boolean> offered = Race.run(8, () -> offer(entry, UniqueIds.next("hld")));

        assertThat(Race.winners(offered)).isEqualTo(1);
    }

    @Test
    void theOfferedEntryOfAHoldIsFoundByTheHold() {
        WaitlistEntry entry = joined();
        String holdId = UniqueIds.next("hld");
        offer(entry, holdId);

        assertThat(store().offeredWith(holdId)).map(WaitlistEntry::id).contains(entry.id());
    }

    @Test
    void aLapsedOfferIsNoLongerFoundByItsHold() {
        WaitlistEntry entry = joined();
        String holdId = UniqueIds.next("hld");
        offer(entry, holdId);

        store().move(entry.id(), WaitlistStatus.OFFERED, WaitlistStatus.OFFER_LAPSED, now);

        assertThat(store().offeredWith(holdId)).isEmpty();
    }

    @Test
    void aMoveHappensOnlyFromTheStatusTheEntryIsIn() {
        WaitlistEntry entry = joined();

        assertThat(store().move(entry.id(), WaitlistStatus.OFFERED, WaitlistStatus.OFFER_LAPSED, now)).isFalse();
        assertThat(store().move(entry.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, now)).isTrue();
        assertThat(entry(entry.id()).status()).isEqualTo(WaitlistStatus.CANCELLED);
    }

    @Test
    void ofManyConcurrentMovesOfOneEntryExactlyOneWins() {
        WaitlistEntry entry = joined();

        List<Boolean> moved = Race.run(8, () -> store().move(entry.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, now));

        assertThat(Race.winners(moved)).isEqualTo(1);
    }
}
