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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundled starting knowledge base, produced to the entities topic when that topic is empty:
 * {@code kb/places.tsv} (countries, capitals and large cities, generated from package data by
 * {@code src/kb-build}) and {@code kb/seed-entities.tsv} (hand-curated people, organisations and
 * places with their spelling variants). Both are TSV: id, type, canonical name, aliases separated
 * by {@code |}. Where both name one id, the curated name and type win and the aliases are pooled.
 */
public final class KnowledgeBaseSeed {
    public static final List<String> RESOURCES = List.of("/kb/places.tsv", "/kb/seed-entities.tsv");

    private KnowledgeBaseSeed() {
    }

    public static List<KnowledgeEntity> load() {
        Map<String, KnowledgeEntity> byId = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            try (InputStream in = KnowledgeBaseSeed.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                for (KnowledgeEntity e : parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))) {
                    byId.merge(e.getId(), e, (earlier, later) -> {
                        Set<String> aliases = new LinkedHashSet<>(later.getAliases());
                        aliases.addAll(earlier.getAliases());
                        aliases.remove(later.getName());
                        return new KnowledgeEntity(later.getId(), later.getName(), later.getType(), List.copyOf(aliases));
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(byId.values());
    }

    static List<KnowledgeEntity> parse(String resource, BufferedReader reader) throws IOException {
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
                throw new IllegalArgumentException(resource + ":" + lineNumber + ": expected id, type, name[, aliases]");
            }
            List<String> aliases = f.length > 3 && !f[3].isBlank()
                    ? Arrays.stream(f[3].split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            out.add(new KnowledgeEntity(f[0], f[2], EntityType.valueOf(f[1]), aliases));
        }
        return out;
    }
}
