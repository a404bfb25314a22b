package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An extraction benchmark as read from ../shared (Zyte, Dragnet): page bytes as crawled, the expected
 * article body and, where the set has it, the comment text that must not be extracted.
 */
final class ExtractionCorpus {
    record Page(String id, String url, byte[] html, String expected, String comments) {
    }

    private ExtractionCorpus() {
    }

    static Path dir(String[] args) {
        return Path.of(args.length > 0 ? args[0] : "../shared/benchmarks/extraction/zyte");
    }

    static List<Page> load(Path dir) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path html = dir.resolve("html").resolve(e.getKey() + ".html.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(html))) {
                JsonNode gold = e.getValue();
                pages.add(new Page(e.getKey(), gold.path("url").asText(""), in.readAllBytes(),
                        gold.path("articleBody").asText(), gold.path("comments").asText("")));
            }
        }
        pages.sort(Comparator.comparing(Page::id));
        return pages;
    }
}
