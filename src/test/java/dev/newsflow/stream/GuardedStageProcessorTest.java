package dev.newsflow.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.junit.jupiter.api.Test;

/**
 * A record that takes longer than its budget in a stage without state stores becomes a
 * PROCESSING_TIMEOUT dead letter and the records behind it go through at once; the abandoned work is
 * counted until it ends; a stream thread held on one record shows up on the liveness watch.
 */
class GuardedStageProcessorTest {
    private static final Duration BUDGET = Duration.ofMillis(300);

    /** Upper-cases its input; "spin" makes it spin, ignoring interrupts, until released. */
    private static final class SpinningStage implements Stage<String, String> {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "spin";
        }

        @Override
        public String apply(String input, long timestamp) {
            if (input.equals("spin")) {
                while (release.getCount() > 0) {
                    Thread.onSpinWait(); // like a parser deep in a crafted page: interrupts go unnoticed
                }
            }
            return input.toUpperCase();
        }

        @Override
        public byte[] bytesForDeadLetter(String input) {
            return input.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordOverItsBudgetIsADeadLetterAndTheNextOnesGoThrough() throws Exception {
        RecordWatch watch = new RecordWatch(Duration.ofMinutes(1), 0);
        SpinningStage stage = new SpinningStage();
        try (TopologyTestDriver driver = driver(stage, watch)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                    new StringDeserializer());
            long started = System.nanoTime();
            in.pipeInput("k", "before");
            in.pipeInput("k", "spin");
            in.pipeInput("k", "after");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            List<String> values = out.readValuesToList();
            assertThat(values).hasSize(3);
            assertThat(values.get(0)).isEqualTo("BEFORE");
            assertThat(values.get(1)).startsWith("PROCESSING_TIMEOUT: the spin stage took longer than its budget of 300 ms");
            assertThat(values.get(2)).isEqualTo("AFTER");
            assertThat(tookMillis).isLessThan(BUDGET.toMillis() + 5_000);
            assertThat(watch.runawayWorkers()).isEqualTo(1);
            assertThat(watch.problem()).hasValueSatisfying(p -> assertThat(p).contains("abandoned"));

            stage.release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watch.runawayWorkers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(watch.runawayWorkers()).isZero();
            assertThat(watch.problem()).isEmpty();
        }
    }

    /** Fails with the registry out of reach for its first {@code outageCalls} calls, then upper-cases. */
    private static final class RegistryDependentStage implements Stage<String, String> {
        int outageCalls;

        RegistryDependentStage(int outageCalls) {
            this.outageCalls = outageCalls;
        }

        @Override
        public String name() {
            return "decode";
        }

        @Override
        public String apply(String input, long timestamp) {
            if (outageCalls-- > 0) {
                throw new SchemaRegistryException("schema registry unreachable at http://registry:8081",
                        new java.net.ConnectException("Connection refused"));
            }
            return input.toUpperCase();
        }

        @Override
        public byte[] bytesForDeadLetter(String input) {
            return input.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aShortOutageIsWaitedOutAndALongOneLeavesTheRecordUnprocessedNotDeadLettered() {
        RecordWatch watch = new RecordWatch(Duration.ofMinutes(1), 4);
        RegistryDependentStage stage = new RegistryDependentStage(2);
        try (TopologyTestDriver driver = driver(stage, watch)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                    new StringDeserializer());
            in.pipeInput("k", "short outage");
            assertThat(out.readValuesToList()).containsExactly("SHORT OUTAGE");
            assertThat(watch.notReadyBecause()).isEmpty();

            stage.outageCalls = Integer.MAX_VALUE;
            assertThatThrownBy(() -> in.pipeInput("k", "long outage")).hasRootCauseInstanceOf(java.net.ConnectException.class);
            assertThat(out.isEmpty()).as("no dead letter, no output: the record waits").isTrue();
            assertThat(watch.notReadyBecause()).hasValueSatisfying(p -> assertThat(p).contains("unreachable"));
        }
    }

    private static TopologyTestDriver driver(Stage<String, String> stage, RecordWatch watch) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(Outcome::ok)
                .processValues(() -> (FixedKeyProcessor<String, Outcome<String>, Outcome<String>>)
                        new GuardedStageProcessor<String, String, String>(() -> stage, StageListener.NONE,
                                new StageGuards(1000, BUDGET, watch)))
                .mapValues(o -> o.isFailure() ? o.failure().getReason() + ": " + o.failure().getMessage() : o.value())
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "budget-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.build(), props);
    }

    @Test
    void aThreadHeldOnOneRecordPastTheLimitIsReportedStuck() throws Exception {
        RecordWatch watch = new RecordWatch(Duration.ofMillis(100), 4);
        watch.started();
        assertThat(watch.problem()).isEmpty();
        Thread.sleep(250);
        assertThat(watch.problem()).hasValueSatisfying(p ->
                assertThat(p).contains(Thread.currentThread().getName(), "on one record"));
        watch.finished();
        assertThat(watch.problem()).isEmpty();
    }

    @Test
    void aStoreThatFailedOutsideAStageStaysReportedUntilAStageThatWritesStoresGetsThrough() {
        RecordWatch watch = new RecordWatch(Duration.ofMinutes(1), 4);
        watch.streamThreadStoreFailed("RocksDBException: No space left on device");
        watch.progressed("clean", false);
        assertThat(watch.problem()).hasValue("a state store failed in a stream thread: RocksDBException: No space left on device");
        assertThat(watch.notReadyBecause()).isEqualTo(watch.problem());
        watch.progressed("dedup", true);
        assertThat(watch.problem()).isEmpty();
        assertThat(watch.notReadyBecause()).isEmpty();
    }
}
