package dev.marquee.gateway.catalog;

/**
 * What one sync wrote.
 *
 * @param cities cities added or updated
 * @param cinemas cinemas added or updated
 * @param halls halls added or updated
 * @param movies movies added or updated
 * @param shows shows added or updated
 * @param showsRetired shows cancelled because a complete read no longer listed them
 * @param rejected items skipped because they named something unknown (logged)
 */
public record AppliedChanges(int cities, int cinemas, int halls, int movies, int shows, int showsRetired, int rejected) {
    public boolean changedAnything() {
        return cities + cinemas + halls + movies + shows + showsRetired > 0;
    }
}
