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

/** The Zyte article-extraction benchmark as read from ../shared: page HTML and the expected article body. */
final class ZyteCorpus {
    record Page(String id, String url, byte[] html, String expected) {
    }

    private ZyteCorpus() {
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
                pages.add(new Page(e.getKey(), e.getValue().path("url").asText(), in.readAllBytes(),
                        e.getValue().path("articleBody").asText()));
            }
        }
        pages.sort(Comparator.comparing(Page::id));
        return pages;
    }
}
