package dev.newsflow.testing;

import dev.newsflow.registry.SchemaRegistry;
import dev.newsflow.registry.SchemaRegistryException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry in memory for TopologyTestDriver tests: same id semantics, no HTTP. */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema.toString(), s -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        subjects.put(subject + "|" + schema, id);
        return id;
    }

    @Override
    public synchronized int lookUpId(String subject, Schema schema) {
        Integer id = subjects.get(subject + "|" + schema);
        if (id == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "not registered under " + subject);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }
}
