package dev.newsflow.entities;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.ToLongFunction;

/**
 * Per task and hour, the leading entities of the trending store, kept as the counts change, so a
 * trending query reads a few thousand entries instead of scanning every entity of the period.
 * From the boards' bounds (an entity missing from an hour's board has at most that board's smallest
 * count) the query either proves that no entity outside them can rank, reading the exact sums of the
 * few candidates whose missing hours could matter, or answers the boards' leaders and says that the
 * ranking is not exact: a tail of tied small counts is never worth a pass over 300,000 entities.
 */
public final class TrendingLeaderboards {
    /** Entities kept per task and hour: above the largest {@code limit} a query may ask, so the bound has room. */
    static final int CAPACITY = 1_200;
    /** Store look-ups a query may spend proving its ranking, per entity asked for; past it the ranking is inexact. */
    static final int MAX_LOOKUPS_PER_LEADER = 4;

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

    private static final Comparator<Map.Entry<String, Long>> RANKING = Comparator.<Map.Entry<String, Long>>comparingLong(
            Map.Entry::getValue).reversed().thenComparing(e -> nameOf(e.getKey())).thenComparing(Map.Entry::getKey);

    /**
     * Entity keys with their mentions, best first. Exact when no entity left out could rank; else every
     * entity with more than {@code certainAbove} mentions is listed, in order, and below that some may be missing.
     */
    public record Leaders(List<Map.Entry<String, Long>> ranked, boolean exact, long certainAbove) {
    }

    /**
     * The top {@code limit} entity keys with their mentions in the hours starting in [from, to], best
     * first (ties by name, then key); empty only when this instance holds no boards. Candidates are
     * read in order of the most mentions they could have, their exact sums fetched until no later one
     * can rank. The ranking is exact when no entity outside the boards could reach it; when one could
     * (a long tail of small counts at the cut-off) it is marked not exact, with the count above which
     * it is still complete and in order (what an unseen entity could have at most). Either way the
     * work is bounded by the boards' size and {@link #MAX_LOOKUPS_PER_LEADER} store look-ups per
     * leader, never a pass over the store.
     *
     * @param exactSum an entity's mentions over the period, from the store: asked only for candidates
     *                 the boards saw in some of the hours but not all, and for the leaders of an inexact ranking
     */
    public Optional<Leaders> top(Instant from, Instant to, int limit, ToLongFunction<String> exactSum) {
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
        // the board-kept entities by their most possible mentions; exact sums are read until no later one can rank
        List<Map.Entry<String, long[]>> byUpper = lowerAndUpper.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[1]).reversed()).toList();
        PriorityQueue<Map.Entry<String, Long>> best = new PriorityQueue<>(limit + 1, RANKING.reversed());
        long lookups = 0;
        long unread = 0;
        for (Map.Entry<String, long[]> e : byUpper) {
            long lower = e.getValue()[0];
            long upper = e.getValue()[1];
            if (best.size() == limit && upper < best.peek().getValue()) {
                break; // neither this one nor any after it can rank
            }
            if (lower != upper && ++lookups > (long) MAX_LOOKUPS_PER_LEADER * limit) {
                unread = upper; // proving it would read too much: the rest have at most this many
                break;
            }
            best.offer(Map.entry(e.getKey(), lower == upper ? lower : exactSum.applyAsLong(e.getKey())));
            if (best.size() > limit) {
                best.poll();
            }
        }
        long kth = best.size() == limit ? best.peek().getValue() : 0;
        // an entity no board kept has at most restCeiling mentions: it could tie or beat the last ones listed
        long certainAbove = Math.max(restCeiling, unread);
        boolean exact = certainAbove == 0 || certainAbove < kth;
        return Optional.of(new Leaders(best.stream().sorted(RANKING).toList(), exact, exact ? 0 : certainAbove));
    }

    static String nameOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
