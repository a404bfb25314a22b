package dev.newsflow.entities;

import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.KnowledgeEntity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bundled starting knowledge base ({@code kb/seed-entities.tsv}: id, type, canonical name,
 * aliases separated by {@code |}), produced to the entities topic when that topic is empty.
 */
public final class KnowledgeBaseSeed {
    public static final String RESOURCE = "/kb/seed-entities.tsv";

    private KnowledgeBaseSeed() {
    }

    public static List<KnowledgeEntity> load() {
        try (InputStream in = KnowledgeBaseSeed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<KnowledgeEntity> parse(BufferedReader reader) throws IOException {
        List<KnowledgeEntity> out = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalArgumentException(RESOURCE + ":" + lineNumber + ": expected id, type, name[, aliases]");
            }
            List<String> aliases = f.length > 3 && !f[3].isBlank()
                    ? Arrays.stream(f[3].split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            out.add(new KnowledgeEntity(f[0], f[2], EntityType.valueOf(f[1]), aliases));
        }
        return out;
    }
}
