package dev.newsflow.serde;

import dev.newsflow.registry.SchemaRegistry;
import dev.newsflow.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serde for generated classes in the Confluent wire format: magic byte 0, the schema's
 * 4-byte big-endian registry id, then Avro binary. Readers resolve the writer's schema (fetched by
 * id) against the generated class's schema, so producers may evolve compatibly.
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {
    static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SubjectNameStrategy strategy;
    private final boolean autoRegister;
    private final boolean isKey;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public RegistryAvroSerde(SchemaRegistry registry, Class<T> type, SubjectNameStrategy strategy,
                             boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.strategy = strategy;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = strategy.subject(topic, isKey, schema);
        int id;
        try {
            id = autoRegister ? registry.register(subject, schema) : registry.lookUpId(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot get a schema id for subject " + subject + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<T>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic, e);
        }
        return out.toByteArray();
    }

    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = writerSchemaId(topic, data);
        SpecificDatumReader<T> reader = readerFor(id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DecodeFailure(DecodeFailure.Reason.CORRUPT_AVRO,
                        "trailing bytes after a " + type.getSimpleName() + " written with schema id " + id);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DecodeFailure failure) {
                throw failure;
            }
            throw new DecodeFailure(DecodeFailure.Reason.CORRUPT_AVRO,
                    "cannot decode " + type.getSimpleName() + " with writer schema id " + id + ": " + e, e);
        }
    }

    /** The writer's schema id from a value's Confluent wire-format header, or why the value has none. */
    public static int writerSchemaId(String topic, byte[] data) {
        if (data.length == 0) {
            throw new DecodeFailure(DecodeFailure.Reason.EMPTY_VALUE, "empty value on " + topic);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new DecodeFailure(DecodeFailure.Reason.WRONG_MAGIC_BYTE,
                    String.format("first byte is 0x%02x, not the wire-format magic byte 0", data[0]));
        }
        if (data.length < HEADER_LENGTH) {
            throw new DecodeFailure(DecodeFailure.Reason.TRUNCATED_HEADER,
                    data.length + " bytes: too short for the 5-byte wire-format header");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    private SpecificDatumReader<T> readerFor(int id) {
        SpecificDatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new DecodeFailure(DecodeFailure.Reason.UNKNOWN_SCHEMA_ID,
                        "schema id " + id + " is unknown to the registry (error_code " + e.errorCode() + ")", e);
            }
            if (e.errorCode() == 42201) {
                throw new DecodeFailure(DecodeFailure.Reason.NOT_AVRO_SCHEMA, e.getMessage(), e);
            }
            // the registry being down is not the record's fault: let the caller retry
            throw e;
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readersByWriterId.put(id, reader);
        return reader;
    }
}
