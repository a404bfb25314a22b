package dev.newsflow.entities;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.ToLongFunction;

/**
 * Per task and hour, the leading entities of the trending store, kept as the counts change, so a
 * trending query reads a few thousand entries instead of scanning every entity of the period.
 * The answer is exact or not given: from the boards' bounds (an entity missing from an hour's board
 * has at most that board's smallest count) the query either proves that no entity outside them can
 * rank, reading the exact sums of the few candidates whose missing hours could matter, or says it
 * cannot, and the caller scans the store.
 */
public final class TrendingLeaderboards {
    /** Entities kept per task and hour: above the largest {@code limit} a query may ask, so the bound has room. */
    static final int CAPACITY = 1_200;

    private final Map<String, ConcurrentNavigableMap<Long, HourlyLeaders>> byTask = new ConcurrentHashMap<>();

    /** Empty boards for a task, to fill from its store before {@link #publish}. */
    static ConcurrentNavigableMap<Long, HourlyLeaders> empty() {
        return new ConcurrentSkipListMap<>();
    }

    /** The boards of a task this instance now runs, filled: queries use them from now on. */
    void publish(String task, ConcurrentNavigableMap<Long, HourlyLeaders> boards) {
        byTask.put(task, boards);
    }

    void close(String task) {
        byTask.remove(task);
    }

    static HourlyLeaders board(ConcurrentNavigableMap<Long, HourlyLeaders> boards, long hourStart) {
        return boards.computeIfAbsent(hourStart, h -> new HourlyLeaders(CAPACITY));
    }

    static void forget(ConcurrentNavigableMap<Long, HourlyLeaders> boards, long streamTime, Duration retention) {
        boards.headMap(streamTime - retention.toMillis()).clear();
    }

    /**
     * The exact top {@code limit} entity keys with their mentions in the hours starting in [from, to],
     * best first (ties by name, then key), or empty when the boards cannot prove it.
     *
     * @param exactSum an entity's mentions over the period, from the store: asked only for candidates
     *                 the boards saw in some of the hours but not all
     */
    public Optional<List<Map.Entry<String, Long>>> top(Instant from, Instant to, int limit,
                                                        ToLongFunction<String> exactSum) {
        if (byTask.isEmpty()) {
            return Optional.empty();
        }
        Map<String, long[]> lowerAndUpper = new HashMap<>();
        long restCeiling = 0;
        for (ConcurrentNavigableMap<Long, HourlyLeaders> boards : byTask.values()) {
            List<Map<String, Long>> hours = new ArrayList<>();
            long taskRestCeiling = 0;
            List<Long> ceilings = new ArrayList<>();
            for (HourlyLeaders board : boards.subMap(from.toEpochMilli(), true, to.toEpochMilli(), true).values()) {
                hours.add(board.snapshot());
                long ceiling = board.ceilingOfTheRest();
                ceilings.add(ceiling);
                taskRestCeiling += ceiling;
            }
            restCeiling = Math.max(restCeiling, taskRestCeiling);
            for (int h = 0; h < hours.size(); h++) {
                for (Map.Entry<String, Long> e : hours.get(h).entrySet()) {
                    lowerAndUpper.computeIfAbsent(e.getKey(), k -> new long[2])[0] += e.getValue();
                }
            }
            for (Map.Entry<String, long[]> e : lowerAndUpper.entrySet()) {
                long upper = e.getValue()[0];
                boolean mine = false;
                for (int h = 0; h < hours.size(); h++) {
                    Long count = hours.get(h).get(e.getKey());
                    if (count == null) {
                        upper += ceilings.get(h);
                    } else {
                        mine = true;
                    }
                }
                if (mine) {
                    e.getValue()[1] = upper;
                }
            }
        }
        List<Long> lowers = lowerAndUpper.values().stream().map(b -> b[0]).sorted(Comparator.reverseOrder()).toList();
        long kth = lowers.size() >= limit ? lowers.get(limit - 1) : 0;
        if (restCeiling > 0 && restCeiling >= kth) {
            return Optional.empty(); // an entity no board kept could still rank: only the store can tell
        }
        Map<String, Long> exact = new HashMap<>();
        for (Map.Entry<String, long[]> e : lowerAndUpper.entrySet()) {
            long lower = e.getValue()[0];
            long upper = e.getValue()[1];
            if (upper < kth) {
                continue;
            }
            exact.put(e.getKey(), upper == lower ? lower : exactSum.applyAsLong(e.getKey()));
        }
        Comparator<Map.Entry<String, Long>> ranking = Comparator.<Map.Entry<String, Long>>comparingLong(
                Map.Entry::getValue).reversed().thenComparing(e -> nameOf(e.getKey())).thenComparing(Map.Entry::getKey);
        return Optional.of(exact.entrySet().stream().sorted(ranking).limit(limit).toList());
    }

    static String nameOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
