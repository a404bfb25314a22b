package dev.newsflow.entities;

import dev.newsflow.avro.EntityType;
import java.util.List;

/** Finds names in running text, without knowing which entity they name. */
public interface NamedEntityRecognizer {

    /** A name found in the text: characters [start, end) and what kind of thing it names. */
    record Span(int start, int end, EntityType type) {
    }

    List<Span> find(String text);

    /** For tests of the tagger's other parts: finds nothing, so only the knowledge base tags. */
    NamedEntityRecognizer NONE = text -> List.of();
}
