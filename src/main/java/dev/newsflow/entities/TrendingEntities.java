package dev.newsflow.entities;

import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Mentions per entity per hour, over the enriched articles: a windowed count in a changelogged
 * window store that keeps two days, read by interactive queries. The key is the entity's type
 * and canonical name, so every spelling of one person counts once.
 */
public final class TrendingEntities {
    public static final String STORE = "trending-entities";
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration RETENTION = Duration.ofDays(2);
    private static final Comparator<Count> RANKING = Comparator.comparingLong(Count::count).reversed()
            .thenComparing(Count::name).thenComparing(Count::type);

    /** One entity's mentions in the asked period, and per hour (ISO-8601 start of the hour, which sorts by time). */
    public record Count(String type, String name, long count, Map<String, Long> hourly) {
    }

    private TrendingEntities() {
    }

    public static void count(KStream<String, EnrichedArticle> enriched, TrendingLeaderboards leaderboards) {
        // one record per entity and article, carrying its mention count: a tenth of the records that one
        // per mention would push through the repartition topic and the store
        countMentions(enriched.flatMap((id, article) -> {
            List<KeyValue<String, Long>> out = new ArrayList<>();
            for (Entity e : article.getEntities()) {
                out.add(KeyValue.pair(key(e), (long) e.getCount()));
            }
            return out;
        }, Named.as("entity-mentions")), leaderboards);
    }

    /** Mentions keyed by entity, counted per hour into the store and the leaderboards. */
    static void countMentions(KStream<String, Long> mentions, TrendingLeaderboards leaderboards) {
        mentions.groupByKey(Grouped.with("trending-entities", Serdes.String(), Serdes.Long()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .reduce(Long::sum, Named.as("count-mentions"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long())
                        .withRetention(RETENTION))
                .toStream(Named.as("mention-counts"))
                .process(() -> new LeaderboardUpdater(leaderboards), Named.as("trending-leaders"), STORE);
    }

    static String key(Entity e) {
        return e.getType().name() + "|" + e.getName();
    }

    /**
     * The most mentioned entities, best first, and whether the ranking is proven exact; if not, entities
     * with more than {@code certainAbove} mentions are all there, in order, and below that some may be missing.
     */
    public record Ranking(List<Count> counts, boolean exact, long certainAbove) {
    }

    /**
     * The most mentioned entities with an hour window starting in [from, to], from this instance's
     * store: the leaderboards name the leaders (see {@link TrendingLeaderboards#top}); a store without
     * boards (no task of this instance keeps them) is read in one pass. Then only the leaders' hours
     * are read back.
     */
    public static Ranking top(ReadOnlyWindowStore<String, Long> store, TrendingLeaderboards leaderboards,
                              Instant from, Instant to, int limit) {
        TrendingLeaderboards.Leaders leaders = leaderboards.top(from, to, limit, key -> sum(store, key, from, to))
                .orElseGet(() -> new TrendingLeaderboards.Leaders(scanForLeaders(store, from, to, limit), true, 0));
        List<Count> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : leaders.ranked()) {
            Map<String, Long> hourly = new TreeMap<>();
            try (WindowStoreIterator<Long> hours = store.fetch(e.getKey(), from, to)) {
                while (hours.hasNext()) {
                    KeyValue<Long, Long> hour = hours.next();
                    hourly.merge(Instant.ofEpochMilli(hour.key).toString(), hour.value, Long::sum);
                }
            }
            String[] typeAndName = e.getKey().split("\\|", 2);
            out.add(new Count(typeAndName[0], typeAndName[1], e.getValue(), hourly));
        }
        out.sort(RANKING);
        return new Ranking(out, leaders.exact(), leaders.certainAbove());
    }

    static long sum(ReadOnlyWindowStore<String, Long> store, String key, Instant from, Instant to) {
        long total = 0;
        try (WindowStoreIterator<Long> hours = store.fetch(key, from, to)) {
            while (hours.hasNext()) {
                total += hours.next().value;
            }
        }
        return total;
    }

    /**
     * Every entity of the period: one pass sums each entity's mentions and a heap of {@code limit}
     * entries keeps the leaders (time n log k, no per-hour maps for the entities that lose).
     */
    static List<Map.Entry<String, Long>> scanForLeaders(ReadOnlyWindowStore<String, Long> store, Instant from,
                                                        Instant to, int limit) {
        Map<String, long[]> totals = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(from, to)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                totals.computeIfAbsent(kv.key.key(), k -> new long[1])[0] += kv.value;
            }
        }
        Comparator<Map.Entry<String, long[]>> ranking = Comparator.<Map.Entry<String, long[]>>comparingLong(
                e -> e.getValue()[0]).reversed().thenComparing(e -> TrendingLeaderboards.nameOf(e.getKey()))
                .thenComparing(Map.Entry::getKey);
        PriorityQueue<Map.Entry<String, long[]>> leaders = new PriorityQueue<>(limit + 1, ranking.reversed());
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            leaders.offer(e);
            if (leaders.size() > limit) {
                leaders.poll(); // the weakest so far
            }
        }
        return leaders.stream().map(e -> Map.entry(e.getKey(), e.getValue()[0])).toList();
    }

    /** Counts from several instances (each owns different entities, but merging is safe either way), top first. */
    public static List<Count> merge(List<List<Count>> parts, int limit) {
        Map<String, Count> merged = new HashMap<>();
        for (List<Count> part : parts) {
            for (Count c : part) {
                merged.merge(c.type() + "|" + c.name(), c, (a, b) -> {
                    Map<String, Long> hourly = new TreeMap<>(a.hourly());
                    b.hourly().forEach((hour, n) -> hourly.merge(hour, n, Long::sum));
                    return new Count(a.type(), a.name(), a.count() + b.count(), hourly);
                });
            }
        }
        return merged.values().stream().sorted(RANKING).limit(limit).toList();
    }
}
