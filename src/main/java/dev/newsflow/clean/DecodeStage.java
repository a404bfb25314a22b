package dev.newsflow.clean;

import dev.newsflow.avro.RawPage;
import dev.newsflow.serde.DecodeFailure;
import dev.newsflow.stream.HeaderFirewall;
import dev.newsflow.stream.RawInput;
import dev.newsflow.stream.Stage;
import dev.newsflow.stream.StageFailure;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the raw topic's bytes into a {@link RawPage} inside the topology rather than in the
 * consumer, so that corrupt Avro, an unknown schema id or a wrong magic byte becomes a dead letter
 * with the exact bytes instead of a stopped stream.
 */
public final class DecodeStage implements Stage<RawInput, DecodeStage.Decoded> {
    private final Deserializer<RawPage> deserializer;
    private final String topic;

    /**
     * The page and the bytes it came in, kept for dead letters further on, and how its body is
     * compressed: the page's own field, else the record's content-encoding header.
     */
    public record Decoded(RawPage page, byte[] rawValue, String contentEncoding) {
    }

    public DecodeStage(Deserializer<RawPage> deserializer, String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    @Override
    public boolean runsUnderTimeBudget() {
        return false; // Avro decoding is linear in the record and cheap
    }

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public Decoded apply(RawInput input, long timestamp) throws StageFailure {
        byte[] value = input.value();
        if (value == null || value.length == 0) {
            throw new StageFailure(DecodeFailure.Reason.EMPTY_VALUE.name(), "the record has no value");
        }
        try {
            RawPage page = deserializer.deserialize(topic, value);
            String encoding = page.getContentEncoding() != null ? page.getContentEncoding()
                    : input.header(HeaderFirewall.CONTENT_ENCODING).orElse(null);
            return new Decoded(page, value, encoding);
        } catch (DecodeFailure e) {
            throw new StageFailure(e.reason().name(), e.getMessage(), e);
        }
    }

    @Override
    public byte[] bytesForDeadLetter(RawInput input) {
        return input.value() == null ? new byte[0] : input.value();
    }
}
