package dev.newsflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The schemas are the downstream contract: every record and every field says what it holds. */
class SchemaDocsTest {
    @Test
    void everyRecordAndFieldHasADoc() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        List<Path> files;
        try (Stream<Path> all = Files.list(Path.of("schemas"))) {
            files = all.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // parsed in dependency order: records name the ones defined before them
        for (String name : List.of("SourceRef", "Mention", "Entity", "CleanArticle", "EnrichedArticle", "DuplicateArticle",
                "DeadLetter", "KnowledgeEntity", "RawPage")) {
            collectUndocumented(parser.parse(Path.of("schemas", name + ".avsc").toFile()), undocumented, seen);
        }
        assertThat(seen).as("every schema file was read").hasSizeGreaterThanOrEqualTo(files.size());
        assertThat(undocumented).as("records and fields without a doc").isEmpty();
    }

    private static void collectUndocumented(Schema schema, List<String> out, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    out.add(schema.getName());
                }
                for (Schema.Field f : schema.getFields()) {
                    if (f.doc() == null || f.doc().isBlank()) {
                        out.add(schema.getName() + "." + f.name());
                    }
                    collectUndocumented(f.schema(), out, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
            case MAP -> collectUndocumented(schema.getValueType(), out, seen);
            default -> { }
        }
    }
}
