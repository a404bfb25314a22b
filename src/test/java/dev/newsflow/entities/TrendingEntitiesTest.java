package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/** The top entities come from a bounded heap over the store: the same leaders, order and hours as a full sort. */
class TrendingEntitiesTest {
    private static final Instant HOUR = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void theLeadersAreFoundAmongThousandsWithTheirHoursAndTiesByName() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("mentions", Consumed.with(Serdes.String(), Serdes.Long()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(TrendingEntities.WINDOW, TrendingEntities.GRACE))
                .reduce(Long::sum, Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(TrendingEntities.STORE)
                        .withRetention(TrendingEntities.RETENTION));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trending-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, Long> in = driver.createInputTopic("mentions", new StringSerializer(),
                    new LongSerializer());
            Instant nextHour = HOUR.plus(Duration.ofHours(1));
            for (int i = 0; i < 5_000; i++) { // the crowd: one or two mentions each
                in.pipeInput("PERSON|Person " + i, 1L + i % 2, HOUR.plusSeconds(i % 3600));
            }
            in.pipeInput("LOCATION|Kyiv", 40L, HOUR);
            in.pipeInput("LOCATION|Kyiv", 2L, nextHour);
            in.pipeInput("PERSON|Sergei Lavrov", 30L, nextHour);
            in.pipeInput("ORGANIZATION|NATO", 12L, HOUR);
            in.pipeInput("PERSON|Antony Blinken", 12L, nextHour); // ties with NATO: by name

            List<TrendingEntities.Count> top = TrendingEntities.top(driver.getWindowStore(TrendingEntities.STORE),
                    HOUR, nextHour, 4);

            assertThat(top).extracting(TrendingEntities.Count::name)
                    .containsExactly("Kyiv", "Sergei Lavrov", "Antony Blinken", "NATO");
            assertThat(top).extracting(TrendingEntities.Count::count).containsExactly(42L, 30L, 12L, 12L);
            assertThat(top.get(0).type()).isEqualTo("LOCATION");
            assertThat(top.get(0).hourly()).isEqualTo(Map.of(HOUR.toString(), 40L, nextHour.toString(), 2L));
            assertThat(TrendingEntities.top(driver.getWindowStore(TrendingEntities.STORE), HOUR, nextHour, 10_000))
                    .hasSize(5_004);
        }
    }
}
