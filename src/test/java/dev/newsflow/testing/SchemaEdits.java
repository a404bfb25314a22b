package dev.newsflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

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
}
