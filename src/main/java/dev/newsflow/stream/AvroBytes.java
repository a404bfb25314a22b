package dev.newsflow.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Avro single-object encoding of a record, for dead letters of stages whose input is already decoded. */
public final class AvroBytes {
    private AvroBytes() {
    }

    public static byte[] of(SpecificRecord record) {
        try {
            ByteBuffer encoded = new BinaryMessageEncoder<SpecificRecord>(SpecificData.get(), record.getSchema())
                    .encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }
}
