package dev.marquee.booking.waitlist;

import dev.marquee.spi.Seat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chooses free seats for a waiting party: side by side in one row when possible (rows nearest the
 * middle of the hall first, and within a row the block nearest its middle), otherwise the free seats
 * nearest each other in row order.
 */
public final class SeatPicker {
    private SeatPicker() {
    }

    /**
     * @param free the free seats to choose from
     * @param count how many are wanted
     * @param category the category wanted, or null for any
     * @return the chosen seat ids, or empty when too few seats are free
     */
    public static Optional<List<String>> pick(Collection<Seat> free, int count, String category) {
        List<Seat> candidates = free.stream().filter(s -> category == null || s.category().equals(category)).toList();
        if (candidates.size() < count) {
            return Optional.empty();
        }
        Map<Integer, List<Seat>> rows = candidates.stream().collect(Collectors.groupingBy(Seat::y, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), row -> row.stream().sorted(Comparator.comparingInt(Seat::x)).toList())));
        double middleRow = rows.keySet().stream().mapToInt(Integer::intValue).average().orElse(0);
        List<Integer> rowOrder = new ArrayList<>(rows.keySet());
        rowOrder.sort(Comparator.comparingDouble(y -> Math.abs(y - middleRow)));
        for (int y : rowOrder) {
            Optional<List<Seat>> block = adjacentBlock(rows.get(y), count);
            if (block.isPresent()) {
                return Optional.of(block.get().stream().map(Seat::ref).toList());
            }
        }
        return Optional.of(candidates.stream().sorted(Comparator.comparingInt(Seat::y).thenComparingInt(Seat::x))
                .limit(count).map(Seat::ref).toList());
    }

    /** The run of {@code count} seats next to each other (consecutive x) nearest the row's middle. */
    private static Optional<List<Seat>> adjacentBlock(List<Seat> row, int count) {
        if (row.size() < count) {
            return Optional.empty();
        }
        double middle = (row.getFirst().x() + row.getLast().x()) / 2.0;
        List<Seat> best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int start = 0; start + count <= row.size(); start++) {
            List<Seat> block = row.subList(start, start + count);
            if (block.getLast().x() - block.getFirst().x() != count - 1) {
                continue;
            }
            double distance = Math.abs((block.getFirst().x() + block.getLast().x()) / 2.0 - middle);
            if (distance < bestDistance) {
                best = block;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best).map(List::copyOf);
    }
}
