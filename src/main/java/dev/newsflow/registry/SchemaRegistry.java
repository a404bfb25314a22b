package dev.newsflow.registry;

import org.apache.avro.Schema;

/** The three registry operations an Avro serde needs. */
public interface SchemaRegistry {

    /** Registers (or finds, if already registered) the schema under the subject; returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; fails with 40401/40403 when it is not. */
    int lookUpId(String subject, Schema schema);

    /** The schema with this global id; fails with 40403 when there is none. */
    Schema schemaById(int id);
}
