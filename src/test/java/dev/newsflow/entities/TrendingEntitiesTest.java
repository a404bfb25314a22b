package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.Test;

/**
 * The top entities, from the leaderboards: the same leaders, order and hours as a full scan of the
 * store when they can prove the answer; when a tail of ties defeats the proof, the same counts in
 * the same order (some other of the tied entities may stand in their places), said to be inexact,
 * without a pass over the store.
 */
class TrendingEntitiesTest {
    private static final Instant HOUR = Instant.parse("2026-12-04T10:00:00Z");

    private final TrendingLeaderboards leaderboards = new TrendingLeaderboards();

    private TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        TrendingEntities.countMentions(builder.stream("mentions", Consumed.with(Serdes.String(), Serdes.Long())),
                leaderboards);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trending-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.build(), props);
    }

    private static TestInputTopic<String, Long> mentions(TopologyTestDriver driver) {
        return driver.createInputTopic("mentions", new StringSerializer(), new LongSerializer());
    }

    @Test
    void theLeadersAreFoundAmongThousandsWithTheirHoursAndTiesByName() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, Long> in = mentions(driver);
            Instant nextHour = HOUR.plus(Duration.ofHours(1));
            for (int i = 0; i < 5_000; i++) { // the crowd: one or two mentions each
                in.pipeInput("PERSON|Person " + i, 1L + i % 2, HOUR.plusSeconds(i % 3600));
            }
            in.pipeInput("LOCATION|Kyiv", 40L, HOUR);
            in.pipeInput("LOCATION|Kyiv", 2L, nextHour);
            in.pipeInput("PERSON|Sergei Lavrov", 30L, nextHour);
            in.pipeInput("ORGANIZATION|NATO", 12L, HOUR);
            in.pipeInput("PERSON|Antony Blinken", 12L, nextHour); // ties with NATO: by name
            ReadOnlyWindowStore<String, Long> store = driver.getWindowStore(TrendingEntities.STORE);

            assertThat(leaderboards.top(HOUR, nextHour, 4, key -> TrendingEntities.sum(store, key, HOUR, nextHour)))
                    .as("the boards can prove this one")
                    .hasValueSatisfying(leaders -> assertThat(leaders.exact()).isTrue());
            List<TrendingEntities.Count> top = TrendingEntities.top(store, leaderboards, HOUR, nextHour, 4).counts();

            assertThat(top).extracting(TrendingEntities.Count::name)
                    .containsExactly("Kyiv", "Sergei Lavrov", "Antony Blinken", "NATO");
            assertThat(top).extracting(TrendingEntities.Count::count).containsExactly(42L, 30L, 12L, 12L);
            assertThat(top.get(0).type()).isEqualTo("LOCATION");
            assertThat(top.get(0).hourly()).isEqualTo(Map.of(HOUR.toString(), 40L, nextHour.toString(), 2L));
            // 1,000 of 5,000 mostly tied entities: the proof fails at the ties, the store is not scanned
            List<String> lookedUp = new ArrayList<>();
            TrendingLeaderboards.Leaders tied = leaderboards.top(HOUR, nextHour, 1_000, key -> {
                lookedUp.add(key);
                return TrendingEntities.sum(store, key, HOUR, nextHour);
            }).orElseThrow();
            assertThat(tied.exact()).isFalse();
            assertThat(lookedUp.size()).as("store look-ups").isLessThanOrEqualTo(TrendingLeaderboards.MAX_LOOKUPS_PER_LEADER * 1_000);
            TrendingEntities.Ranking inexact = TrendingEntities.top(store, leaderboards, HOUR, nextHour, 1_000);
            TrendingEntities.Ranking scanned = TrendingEntities.top(store, new TrendingLeaderboards(), HOUR, nextHour, 1_000);
            assertThat(scanned.exact()).isTrue();
            assertThat(inexact.exact()).isFalse();
            assertThat(inexact.counts()).extracting(TrendingEntities.Count::count)
                    .as("only ties at the cut-off here: the same counts").isEqualTo(scanned.counts().stream()
                            .map(TrendingEntities.Count::count).toList());
            assertThat(certainPart(inexact)).isEqualTo(certainPart(scanned, inexact.certainAbove())).hasSize(4);
            assertThat(TrendingEntities.top(store, new TrendingLeaderboards(), HOUR, nextHour, 10_000).counts())
                    .as("a store without boards is scanned whole").hasSize(5_004);
        }
    }

    @Test
    void theLeaderboardsAnswerExactlyWhatAFullScanAnswers() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, Long> in = mentions(driver);
            Random random = new Random(42);
            // a long tail and a few stars, in three hours; stars rise and fall so that some lead over the
            // period without leading every hour, and the tail overflows each hour's board
            for (int hour = 0; hour < 3; hour++) {
                Instant start = HOUR.plus(Duration.ofHours(hour));
                for (int i = 0; i < 4_000; i++) {
                    int entity = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 6_000);
                    long count = 1 + (entity < 40 ? random.nextInt(400) : random.nextInt(5));
                    in.pipeInput("PERSON|Person " + entity, count, start.plusSeconds(random.nextInt(3600)));
                }
            }
            ReadOnlyWindowStore<String, Long> store = driver.getWindowStore(TrendingEntities.STORE);
            TrendingLeaderboards none = new TrendingLeaderboards();
            int provedByTheBoards = 0;
            for (int hours = 1; hours <= 3; hours++) {
                Instant to = HOUR.plus(Duration.ofHours(hours - 1));
                for (int limit : new int[] {1, 5, 20, 100, 1_000}) {
                    String asked = hours + " h, top " + limit;
                    TrendingEntities.Ranking fromBoards = TrendingEntities.top(store, leaderboards, HOUR, to, limit);
                    TrendingEntities.Ranking scanned = TrendingEntities.top(store, none, HOUR, to, limit);
                    if (fromBoards.exact()) {
                        provedByTheBoards++;
                        assertThat(fromBoards.counts()).as(asked).isEqualTo(scanned.counts());
                    } else {
                        assertThat(certainPart(fromBoards)).as(asked).isEqualTo(certainPart(scanned, fromBoards.certainAbove()));
                    }
                }
            }
            assertThat(provedByTheBoards).as("the boards answer the usual queries themselves").isGreaterThanOrEqualTo(9);
        }
    }

    /** What an inexact ranking vouches for: its entities above its bound, in order. */
    private static List<TrendingEntities.Count> certainPart(TrendingEntities.Ranking ranking) {
        return certainPart(ranking, ranking.certainAbove());
    }

    private static List<TrendingEntities.Count> certainPart(TrendingEntities.Ranking ranking, long above) {
        return ranking.counts().stream().filter(c -> c.count() > above).toList();
    }
}
