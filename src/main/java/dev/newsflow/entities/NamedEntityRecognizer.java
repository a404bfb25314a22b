package dev.newsflow.entities;

import dev.newsflow.avro.EntityType;
import java.util.List;

/** Finds names in running text, without knowing which entity they name. */
public interface NamedEntityRecognizer {

    /** A name found in the text: characters [start, end) and what kind of thing it names. */
    record Span(int start, int end, EntityType type) {
    }

    List<Span> find(String text);

    /**
     * Whether the model saw any word of this name in training, so that the type it gives the name
     * comes from what it learnt of the words and not from their shape alone. A recognizer that
     * cannot tell says yes: its types are then never overridden.
     */
    default boolean knowsAnyWordOf(String name) {
        return true;
    }

    /** For tests of the tagger's other parts: finds nothing, so only the knowledge base tags. */
    NamedEntityRecognizer NONE = text -> List.of();
}
