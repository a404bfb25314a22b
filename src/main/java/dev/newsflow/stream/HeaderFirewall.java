package dev.newsflow.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Where an input record's headers stop. Kafka Streams copies a record's headers onto everything
 * made from it (repartition records, outputs, dead letters), so a crawler's cookie header would reach
 * every consumer, and one 34 MiB header would make the repartition record too large to produce and
 * stall the partition for good. Every record leaves here with no headers; the few a stage needs
 * ({@link #ALLOWED}, each of bounded size) travel in the value, which the size checks count.
 */
public final class HeaderFirewall<K> implements FixedKeyProcessor<K, byte[], Outcome<RawInput>> {
    /** How a crawler says its body is compressed when the page record has no field for it. */
    public static final String CONTENT_ENCODING = "content-encoding";
    /** The headers a stage may read, by lower-case name, with the most bytes of value each may have. */
    static final Map<String, Integer> ALLOWED = Map.of(CONTENT_ENCODING, 64);

    private FixedKeyProcessorContext<K, Outcome<RawInput>> context;

    @Override
    public void init(FixedKeyProcessorContext<K, Outcome<RawInput>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, byte[]> record) {
        Map<String, String> kept = new HashMap<>();
        for (Header header : record.headers()) {
            String name = header.key().toLowerCase(Locale.ROOT);
            Integer maxBytes = ALLOWED.get(name);
            // the first of repeated headers counts; an oversized value is dropped, as if never sent
            if (maxBytes != null && header.value() != null && header.value().length <= maxBytes && !kept.containsKey(name)) {
                kept.put(name, new String(header.value(), StandardCharsets.UTF_8).strip());
            }
        }
        context.forward(record.withHeaders(new RecordHeaders()).withValue(Outcome.ok(new RawInput(record.value(), kept))));
    }
}
