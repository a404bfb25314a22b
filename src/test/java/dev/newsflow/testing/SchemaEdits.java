package dev.newsflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/** Other versions of a schema, as another producer or a later release would write them. */
public final class SchemaEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEdits() {
    }

    /** The schema with one more field, an optional string that defaults to null: a compatible change. */
    public static Schema withOptionalString(Schema schema, String name) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ObjectNode field = ((ArrayNode) json.get("fields")).addObject();
        field.put("name", name);
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        return new Schema.Parser().parse(json.toString());
    }

    /** The schema with a field's type replaced. */
    public static Schema withType(Schema schema, String fieldName, String type) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        for (var field : json.get("fields")) {
            if (field.path("name").asText().equals(fieldName)) {
                ((ObjectNode) field).put("type", type);
            }
        }
        return new Schema.Parser().parse(json.toString());
    }

    /**
     * The record in the Confluent wire format, written with another version of its schema (registered
     * under {@code id}), as a producer on that version would: fields the version adds stay null.
     */
    public static byte[] wire(int id, Schema schema, SpecificRecord value) throws Exception {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field f : value.getSchema().getFields()) {
            Object v = value.get(f.pos());
            record.put(f.name(), v instanceof ByteBuffer b ? b.duplicate() : v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
