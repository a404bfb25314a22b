package dev.newsflow.bench;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.serde.RegistryAvroSerde;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ceiling the load benchmark measures Newsflow against: a Kafka Streams application with
 * Newsflow's configuration (exactly-once, threads, commit interval, compression, record sizes) that
 * does the least any such application must: decode each raw page with the registry serde, and write
 * a record of the size of an enriched article (the page cut to that size, encoded the same way) to
 * its own topic. Everything Newsflow does beyond that is cleaning, deduplication and tagging, and the
 * two repartition hops they need.
 *
 * <p>Usage: {@code PassthroughApp CONFIG_FILE OUTPUT_TOPIC OUTPUT_BYTES}; runs until it is stopped.
 */
public final class PassthroughApp {
    private PassthroughApp() {
    }

    public static void main(String[] args) throws Exception {
        NewsflowConfig config = NewsflowConfig.load(System.getenv(), Optional.of(Path.of(args[0])));
        String output = args[1];
        int outputBytes = Integer.parseInt(args[2]);
        AvroSerdes serdes = AvroSerdes.from(config);
        String raw = Topics.from(config, serdes).pagesRaw().name();
        RegistryAvroSerde<RawPage> pages = serdes.forValues(RawPage.class);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(raw, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(bytes -> {
                    RawPage page = pages.deserialize(raw, bytes);
                    ByteBuffer body = page.getBody();
                    page.setBody(body.limit(Math.min(body.limit(), body.position() + outputBytes)).slice());
                    return pages.serialize(raw, page);
                })
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties kafka = config.kafkaProperties();
        kafka.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-passthrough");
        kafka.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), kafka)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            streams.start();
            stopped.await();
        }
    }
}
