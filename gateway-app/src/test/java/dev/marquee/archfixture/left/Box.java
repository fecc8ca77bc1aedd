package dev.marquee.archfixture.left;

import dev.marquee.archfixture.right.Office;

/** One side of a package cycle, for the architecture test's control run. */
public class Box {
    public Office office() {
        return new Office();
    }
}
