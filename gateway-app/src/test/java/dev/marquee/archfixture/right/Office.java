package dev.marquee.archfixture.right;

import dev.marquee.archfixture.left.Box;

/** The other side of a package cycle, for the architecture test's control run. */
public class Office {
    public Box box() {
        return new Box();
    }
}
