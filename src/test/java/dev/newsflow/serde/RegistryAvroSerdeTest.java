package dev.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.RawPage;
import dev.newsflow.testing.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistryAvroSerdeTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final RegistryAvroSerde<RawPage> serde = new RegistryAvroSerde<>(registry, RawPage.class,
            SubjectNameStrategy.TOPIC, true, false);
    private final RawPage page = RawPage.newBuilder().setUrl("https://a.example/x").setFetchedAt(Instant.ofEpochMilli(42))
            .setContentType(null).setBody(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();

    @Test
    void writesTheConfluentWireFormatAndReadsItBack() {
        byte[] bytes = serde.serialize("pages.raw", page);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.lookUpId("pages.raw-value", RawPage.getClassSchema())).isEqualTo(id);
        assertThat(serde.deserialize("pages.raw", bytes)).isEqualTo(page);
        assertThat(serde.serialize("pages.raw", null)).isNull();
    }

    @Test
    void subjectStrategiesNameSubjectsLikeConfluentSerdes() {
        assertThat(SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicNameStrategy")
                .subject("t", false, RawPage.getClassSchema())).isEqualTo("t-value");
        assertThat(SubjectNameStrategy.parse("RecordNameStrategy").subject("t", false, RawPage.getClassSchema()))
                .isEqualTo("dev.newsflow.avro.RawPage");
        assertThat(SubjectNameStrategy.parse("topic_record").subject("t", true, RawPage.getClassSchema()))
                .isEqualTo("t-dev.newsflow.avro.RawPage");
    }

    @Test
    void refusesBadBytesWithAReasonCode() {
        byte[] good = serde.serialize("pages.raw", page);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(77);
        byte[] trailing = new byte[good.length + 2];
        System.arraycopy(good, 0, trailing, 0, good.length);

        assertReason(new byte[0], DecodeFailure.Reason.EMPTY_VALUE);
        assertReason(wrongMagic, DecodeFailure.Reason.WRONG_MAGIC_BYTE);
        assertReason(new byte[] {0, 0, 1}, DecodeFailure.Reason.TRUNCATED_HEADER);
        assertReason(unknownId, DecodeFailure.Reason.UNKNOWN_SCHEMA_ID);
        assertReason(trailing, DecodeFailure.Reason.CORRUPT_AVRO);
        assertReason(new byte[] {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff}, DecodeFailure.Reason.CORRUPT_AVRO);
    }

    private void assertReason(byte[] bytes, DecodeFailure.Reason reason) {
        assertThatThrownBy(() -> serde.deserialize("pages.raw", bytes))
                .isInstanceOfSatisfying(DecodeFailure.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
