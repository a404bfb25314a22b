package dev.newsflow.cli;

import dev.newsflow.app.ClientProperties;
import dev.newsflow.avro.RawPage;
import dev.newsflow.serde.RegistryAvroSerde;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads HTML files into the raw topic as a crawler would: one {@link RawPage} per file, keyed by
 * URL. The URL is the page's canonical link when it has one, else a file URL.
 */
public final class PageProducer {
    private static final Pattern CANONICAL = Pattern.compile(
            "<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

    private PageProducer() {
    }

    public static List<Path> htmlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.html?$")).sorted().toList();
        }
    }

    public static RawPage pageOf(Path file, Instant fetchedAt) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String head = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.ISO_8859_1);
        Matcher m = CANONICAL.matcher(head);
        String url = m.find() ? m.group(1) : file.toAbsolutePath().toUri().toString();
        return RawPage.newBuilder()
                .setUrl(url)
                .setFetchedAt(fetchedAt)
                .setContentType("text/html")
                .setBody(ByteBuffer.wrap(body))
                .setCrawler("newsflow-produce")
                .build();
    }

    /** Produces every HTML file of the directory, in name order; returns how many. */
    public static int produce(Properties kafka, String topic, RegistryAvroSerde<RawPage> serde, List<Path> files)
            throws IOException {
        Properties props = ClientProperties.producer(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            int i = 0;
            for (Path file : files) {
                // one millisecond apart: arrival order is what decides which copy of a story is first
                RawPage page = pageOf(file, Instant.ofEpochMilli(now + i));
                producer.send(new ProducerRecord<>(topic, null, now + i, page.getUrl(), serde.serialize(topic, page)));
                i++;
            }
            producer.flush();
            return i;
        }
    }
}
