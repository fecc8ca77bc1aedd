package dev.marquee.sandbox.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seat layouts that look like real auditoriums: rows A.. from the screen, seats numbered from the
 * left, one or two aisles (gaps in {@code x}), shorter front rows, a premium block in the middle
 * rows, wheelchair spaces at the ends of the back row and a cross aisle (a gap in {@code y}) in big halls.
 */
final class HallLayouts {
    enum Kind { SMALL, MEDIUM, LARGE, IMAX }

    private HallLayouts() {
    }

    static List<Catalog.Seat> layout(Kind kind, SplittableRandom random) {
        int rows = switch (kind) {
            case SMALL -> random.nextInt(7, 10);
            case MEDIUM -> random.nextInt(10, 14);
            case LARGE -> random.nextInt(14, 18);
            case IMAX -> random.nextInt(16, 19);
        };
        int width = switch (kind) {
            case SMALL -> random.nextInt(6, 9) * 2;
            case MEDIUM -> random.nextInt(8, 11) * 2;
            case LARGE -> random.nextInt(11, 14) * 2;
            case IMAX -> random.nextInt(13, 16) * 2;
        };
        boolean twoAisles = kind != Kind.SMALL;
        int side = twoAisles ? Math.max(3, Math.round(width * 0.22f)) : width / 2;
        int[] blocks = twoAisles ? new int[] {side, width - 2 * side, side} : new int[] {side, width - side};
        int crossAisleAfter = kind == Kind.LARGE || kind == Kind.IMAX ? rows / 3 : -1;
        int premiumFrom = (int) Math.floor(rows * 0.45);
        int premiumTo = (int) Math.floor(rows * 0.75);
        int wheelchairs = random.nextInt(1, 3); // per end of the back row
        boolean shortLastRow = random.nextBoolean();

        List<Catalog.Seat> seats = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String row = String.valueOf((char) ('A' + r));
            int y = r + (crossAisleAfter >= 0 && r >= crossAisleAfter ? 1 : 0);
            int cut = r == 0 ? 2 : r == 1 ? 1 : (r == rows - 1 && shortLastRow ? 1 : 0);
            List<int[]> columns = columns(blocks, cut); // {x, block}
            int number = 0;
            for (int i = 0; i < columns.size(); i++) {
                int x = columns.get(i)[0];
                int block = columns.get(i)[1];
                number++;
                String category = "standard";
                boolean middleBlock = twoAisles ? block == 1 : inMiddle(x, width + 1);
                if (r >= premiumFrom && r < premiumTo && middleBlock) {
                    category = "premium";
                }
                if (r == rows - 1 && (i < wheelchairs || i >= columns.size() - wheelchairs)) {
                    category = "wheelchair";
                }
                seats.add(new Catalog.Seat(row + number, row, number, x, y, category));
            }
        }
        return seats;
    }

    /** Columns of one row: each block's seats, one empty column between blocks, {@code cut} seats left off each outer end. */
    private static List<int[]> columns(int[] blocks, int cut) {
        List<int[]> columns = new ArrayList<>();
        int x = 0;
        for (int b = 0; b < blocks.length; b++) {
            for (int s = 0; s < blocks[b]; s++) {
                boolean cutLeft = b == 0 && s < cut;
                boolean cutRight = b == blocks.length - 1 && s >= blocks[b] - cut;
                if (!cutLeft && !cutRight) {
                    columns.add(new int[] {x, b});
                }
                x++;
            }
            x++; // the aisle
        }
        return columns;
    }

    private static boolean inMiddle(int x, int span) {
        return x >= span * 0.25 && x < span * 0.75;
    }
}
