package dev.marquee.spi;

/**
 * One seat of a hall.
 *
 * @param ref the chain's id of the seat, unique within its hall ("F12")
 * @param row the row label printed on the ticket ("F")
 * @param number the seat number within its row
 * @param x horizontal position for drawing, in seat widths from the left wall (aisles leave gaps)
 * @param y vertical position for drawing, in rows from the screen
 * @param category the price category ("standard", "premium", "wheelchair")
 */
public record Seat(String ref, String row, int number, int x, int y, String category) {
    public Seat {
        Checks.text(ref, "ref");
        Checks.text(row, "row");
        Checks.notNegative(number, "number");
        Checks.notNegative(x, "x");
        Checks.notNegative(y, "y");
        Checks.text(category, "category");
    }
}
