package dev.newsflow.entities;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The most mentioned entities of one hour, kept exactly as their counts grow. A count only ever
 * increases within its window, so an entity outside the board never had more than the board's
 * smallest count when it was last seen: the board holds the true top {@code capacity} (ties aside)
 * without keeping the others.
 */
final class HourlyLeaders {
    private record Ranked(String key, long count) {
    }

    private static final Comparator<Ranked> WEAKEST_FIRST = Comparator.comparingLong(Ranked::count)
            .thenComparing(Ranked::key);

    private final int capacity;
    private final Map<String, Long> counts = new HashMap<>();
    private final TreeSet<Ranked> ranked = new TreeSet<>(WEAKEST_FIRST);

    HourlyLeaders(int capacity) {
        this.capacity = capacity;
    }

    synchronized void update(String key, long count) {
        Long old = counts.get(key);
        if (old != null) {
            ranked.remove(new Ranked(key, old));
        } else if (counts.size() >= capacity) {
            Ranked weakest = ranked.first();
            if (count <= weakest.count()) {
                return;
            }
            ranked.pollFirst();
            counts.remove(weakest.key());
        }
        counts.put(key, count);
        ranked.add(new Ranked(key, count));
    }

    /**
     * The most an entity missing from the board can have: the smallest kept count once the board is
     * full; 0 before, since then every entity of the hour is on it.
     */
    synchronized long ceilingOfTheRest() {
        return counts.size() < capacity ? 0 : ranked.first().count();
    }

    synchronized Map<String, Long> snapshot() {
        return new HashMap<>(counts);
    }
}
