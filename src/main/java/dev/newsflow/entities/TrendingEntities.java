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

    /** One entity's mentions in the asked period, and per hour (ISO-8601 start of the hour, which sorts by time). */
    public record Count(String type, String name, long count, Map<String, Long> hourly) {
    }

    private TrendingEntities() {
    }

    public static void count(KStream<String, EnrichedArticle> enriched) {
        // one record per entity and article, carrying its mention count: a tenth of the records that one
        // per mention would push through the repartition topic and the store
        enriched.flatMap((id, article) -> {
                    List<KeyValue<String, Long>> out = new ArrayList<>();
                    for (Entity e : article.getEntities()) {
                        out.add(KeyValue.pair(key(e), (long) e.getCount()));
                    }
                    return out;
                }, Named.as("entity-mentions"))
                .groupByKey(Grouped.with("trending-entities", Serdes.String(), Serdes.Long()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .reduce(Long::sum, Named.as("count-mentions"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long())
                        .withRetention(RETENTION));
    }

    static String key(Entity e) {
        return e.getType().name() + "|" + e.getName();
    }

    /** The most mentioned entities with an hour window starting in [from, to], from this instance's store. */
    public static List<Count> top(ReadOnlyWindowStore<String, Long> store, Instant from, Instant to, int limit) {
        Map<String, Map<String, Long>> byKey = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(from, to)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                byKey.computeIfAbsent(kv.key.key(), k -> new TreeMap<>())
                        .merge(kv.key.window().startTime().toString(), kv.value, Long::sum);
            }
        }
        return merge(List.of(byKey.entrySet().stream().map(e -> {
            String[] typeAndName = e.getKey().split("\\|", 2);
            long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            return new Count(typeAndName[0], typeAndName[1], total, e.getValue());
        }).toList()), limit);
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
        return merged.values().stream()
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::name))
                .limit(limit)
                .toList();
    }
}
