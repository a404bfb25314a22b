package dev.newsflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro values as plain JSON for people and {@code jq}: unions as the value itself (not Avro's
 * {"type": value} encoding), timestamps as ISO-8601, bytes as base64.
 */
final class AvroJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static ObjectNode of(GenericRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    static JsonNode value(Schema schema, Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> value(branch(schema, v), v);
            case RECORD -> {
                GenericRecord record = (GenericRecord) v;
                ObjectNode out = JSON.objectNode();
                for (Schema.Field f : schema.getFields()) {
                    out.set(f.name(), value(f.schema(), record.get(f.pos())));
                }
                yield out;
            }
            case ARRAY -> {
                ArrayNode out = JSON.arrayNode();
                for (Object item : (Collection<?>) v) {
                    out.add(value(schema.getElementType(), item));
                }
                yield out;
            }
            case MAP -> {
                ObjectNode out = JSON.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    out.set(e.getKey().toString(), value(schema.getValueType(), e.getValue()));
                }
                yield out;
            }
            case LONG -> v instanceof Instant instant ? JSON.textNode(instant.toString())
                    : schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? JSON.textNode(Instant.ofEpochMilli((Long) v).toString()) : JSON.numberNode((Long) v);
            case INT -> JSON.numberNode((Integer) v);
            case FLOAT -> JSON.numberNode((Float) v);
            case DOUBLE -> JSON.numberNode((Double) v);
            case BOOLEAN -> JSON.booleanNode((Boolean) v);
            case BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) v)));
            case FIXED -> JSON.textNode(Base64.getEncoder().encodeToString(((GenericFixed) v).bytes()));
            case NULL -> JSON.nullNode();
            default -> JSON.textNode(v.toString()); // STRING, ENUM
        };
    }

    /** The branch of a union a Java value belongs to. */
    private static Schema branch(Schema union, Object v) {
        for (Schema s : union.getTypes()) {
            boolean fits = switch (s.getType()) {
                case NULL -> false;
                case RECORD -> v instanceof GenericRecord r && r.getSchema().getFullName().equals(s.getFullName());
                case ENUM -> v instanceof Enum<?> || (v instanceof GenericContainer c && c.getSchema().equals(s));
                case STRING -> v instanceof CharSequence;
                case LONG -> v instanceof Long || v instanceof Instant;
                case INT -> v instanceof Integer;
                case FLOAT -> v instanceof Float;
                case DOUBLE -> v instanceof Double;
                case BOOLEAN -> v instanceof Boolean;
                case BYTES -> v instanceof ByteBuffer;
                case FIXED -> v instanceof GenericFixed;
                case ARRAY -> v instanceof Collection<?>;
                case MAP -> v instanceof Map<?, ?>;
                case UNION -> false;
            };
            if (fits) {
                return s;
            }
        }
        throw new IllegalArgumentException("no branch of " + union + " holds a " + v.getClass().getName());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
