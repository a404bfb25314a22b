package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity-linking test set in the shared JSONL form: per document its text and its named mentions,
 * each with exact offsets (UTF-16, as Java counts) and a Wikipedia title and Wikidata QID, both null
 * for a name the knowledge base lacks (NIL).
 */
record LinkingSet(String name, List<Doc> docs) {

    record Doc(String id, String text, List<Gold> mentions) {
    }

    record Gold(int start, int end, String surface, String wikidata, String wikipedia) {
        boolean isNil() {
            return wikidata == null && wikipedia == null;
        }

        String id(IdSpace space) {
            return space == IdSpace.WIKIPEDIA ? wikipedia : wikidata;
        }
    }

    /** Which identifier a linker emits and is scored on. */
    enum IdSpace { WIKIPEDIA, WIKIDATA }

    static LinkingSet read(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = json.readTree(line);
                String text = d.path("text").asText();
                List<Gold> mentions = new ArrayList<>();
                for (JsonNode m : d.path("mentions")) {
                    Gold gold = new Gold(m.path("start").asInt(), m.path("end").asInt(), m.path("surface").asText(),
                            textOrNull(m, "wikidata"), textOrNull(m, "wikipedia"));
                    if (!text.substring(gold.start(), gold.end()).equals(gold.surface())) {
                        throw new IOException(jsonl + ": mention " + gold + " does not match its text");
                    }
                    mentions.add(gold);
                }
                docs.add(new Doc(d.path("id").asText(), text, List.copyOf(mentions)));
            }
        }
        return new LinkingSet(jsonl.getFileName().toString().replace(".jsonl", ""), List.copyOf(docs));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
