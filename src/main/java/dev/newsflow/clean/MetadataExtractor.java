package dev.newsflow.clean;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Metadata from the three places publishers put it, most trusted first: schema.org JSON-LD,
 * OpenGraph / article:* properties, then plain meta tags and the document itself.
 */
public final class MetadataExtractor {
    private static final ObjectMapper LENIENT_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "reportagenewsarticle",
            "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "reviewnewsarticle",
            "scholarlyarticle", "techarticle", "report", "liveblogposting");
    private static final Pattern BY_PREFIX = Pattern.compile("^(?i)(by|von|par|por|di)\\s+");

    public PageMetadata extract(Document doc) {
        Map<String, String> metas = metas(doc);
        Optional<JsonNode> ld = jsonLdArticle(doc);
        Optional<String> title = first(
                () -> ld.map(n -> text(n, "headline")),
                () -> meta(metas, "og:title", "twitter:title"),
                () -> Optional.of(doc.title()).map(MetadataExtractor::stripSiteSuffix));
        List<String> authors = authors(doc, metas, ld);
        Optional<String> published = first(
                () -> ld.map(n -> text(n, "datePublished")),
                () -> meta(metas, "article:published_time", "datePublished", "pubdate", "publishdate", "dc.date",
                        "dcterms.created", "date", "parsely-pub-date", "sailthru.date"),
                () -> attr(doc, "time[datetime]", "datetime")).flatMap(DateNormalizer::normalize);
        Optional<String> modified = first(
                () -> ld.map(n -> text(n, "dateModified")),
                () -> meta(metas, "article:modified_time", "og:updated_time", "dateModified", "last-modified"))
                .flatMap(DateNormalizer::normalize);
        Optional<String> canonical = first(
                () -> attr(doc, "link[rel=canonical]", "abs:href"),
                () -> meta(metas, "og:url"),
                () -> ld.map(n -> n.path("mainEntityOfPage").isObject() ? text(n.path("mainEntityOfPage"), "@id")
                        : text(n, "mainEntityOfPage")),
                () -> ld.map(n -> text(n, "url")))
                .filter(u -> u.startsWith("http"));
        Optional<String> site = first(
                () -> meta(metas, "og:site_name"),
                () -> ld.map(n -> text(n.path("publisher"), "name")),
                () -> meta(metas, "application-name"));
        Optional<String> language = first(
                () -> ld.map(n -> text(n, "inLanguage")),
                () -> attr(doc, "html[lang]", "lang"),
                () -> meta(metas, "og:locale", "content-language"))
                .flatMap(MetadataExtractor::languageCode);
        boolean declaresArticle = ld.isPresent() || meta(metas, "og:type").filter(t -> t.contains("article")).isPresent()
                || meta(metas, "article:published_time").isPresent() || declaresArticleInMarkup(doc);
        Optional<String> headline = Optional.ofNullable(doc.selectFirst("h1")).map(Element::text).filter(h -> !h.isBlank());
        Optional<String> articleBody = ld.map(n -> text(n, "articleBody")).filter(b -> !b.isBlank());
        return new PageMetadata(title, authors, published, modified, canonical, site, language, declaresArticle,
                headline, articleBody);
    }

    private static List<String> authors(Document doc, Map<String, String> metas, Optional<JsonNode> ld) {
        Set<String> names = new LinkedHashSet<>();
        ld.ifPresent(n -> collectNames(n.path("author"), names));
        if (names.isEmpty()) {
            for (String key : List.of("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")) {
                meta(metas, key).filter(v -> !v.startsWith("http")).ifPresent(v -> splitAuthors(v, names));
            }
        }
        if (names.isEmpty()) {
            for (Element e : doc.select("[itemprop=author] [itemprop=name], [rel=author], .byline__name, .author-name")) {
                splitAuthors(e.text(), names);
            }
        }
        if (names.isEmpty()) {
            VisibleByline.find(doc).ifPresent(byline -> splitAuthors(byline, names));
        }
        return names.stream().filter(a -> a.length() > 1 && a.length() < 80).limit(10).toList();
    }

    /** The primary language subtag of a declared language ("en-GB", "pt_BR"): two or three letters, or nothing. */
    static Optional<String> languageCode(String declared) {
        String s = declared.strip();
        int end = 0;
        while (end < s.length() && end < 4 && Character.isLetter(s.charAt(end))) {
            end++;
        }
        boolean whole = end == s.length() || s.charAt(end) == '-' || s.charAt(end) == '_';
        return end >= 2 && end <= 3 && whole ? Optional.of(s.substring(0, end).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * Blog microformats (hentry, h-entry) and schema.org microdata for articles and posts. A walk
     * that stops at the first, cheaper than a selector list on the pages that have none.
     */
    private static boolean declaresArticleInMarkup(Document doc) {
        boolean[] found = new boolean[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && e.attributesSize() > 0
                        && (e.hasClass("hentry") || e.hasClass("h-entry") || isArticleItemType(e.attr("itemtype")))) {
                    found[0] = true;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, doc);
        return found[0];
    }

    private static boolean isArticleItemType(String itemType) {
        return itemType.contains("schema.org/") && (itemType.endsWith("Article") || itemType.endsWith("BlogPosting"));
    }

    private static void collectNames(JsonNode author, Set<String> into) {
        if (author.isArray()) {
            author.forEach(a -> collectNames(a, into));
        } else if (author.isObject()) {
            String name = author.path("name").asText("");
            if (!name.isBlank()) {
                splitAuthors(name, into);
            }
        } else if (author.isTextual()) {
            splitAuthors(author.asText(), into);
        }
    }

    private static void splitAuthors(String raw, Set<String> into) {
        String cleaned = BY_PREFIX.matcher(raw.trim()).replaceFirst("");
        for (String part : authorParts(cleaned)) {
            if (!part.isEmpty() && !part.startsWith("http")) {
                into.add(part);
            }
        }
    }

    /**
     * The names of an author field split at commas, ampersands, bars and the word "and", trimmed. A
     * scan, not a regular expression: a separator pattern with white space around it backtracks
     * quadratically on a field of spaces, and the field is the page's to choose.
     */
    static List<String> authorParts(String field) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '&' || c == '|') {
                parts.add(field.substring(start, i).strip());
                start = i + 1;
            } else if (c == 'a' && field.startsWith("and", i) && !isWordChar(field, i - 1) && !isWordChar(field, i + 3)) {
                parts.add(field.substring(start, i).strip());
                start = i + 3;
                i += 2;
            }
        }
        parts.add(field.substring(start).strip());
        return parts;
    }

    private static boolean isWordChar(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The first JSON-LD object that is an article, looking inside arrays and {@code @graph}. */
    private static Optional<JsonNode> jsonLdArticle(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                JsonNode root = LENIENT_JSON.readTree(script.data());
                Optional<JsonNode> found = findArticle(root, 0);
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException malformed) {
                // publishers ship broken JSON-LD often; the other sources still apply
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> findArticle(JsonNode node, int depth) {
        if (node == null || depth > 4) {
            return Optional.empty();
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                Optional<JsonNode> found = findArticle(child, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (isArticleType(node.path("@type"))) {
            return Optional.of(node);
        }
        return findArticle(node.get("@graph"), depth + 1).or(() -> findArticle(node.get("mainEntity"), depth + 1));
    }

    private static boolean isArticleType(JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isArticleType(t)) {
                    return true;
                }
            }
            return false;
        }
        return type.isTextual() && ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isArray() && !v.isEmpty()) {
            v = v.get(0);
        }
        return v.isValueNode() ? v.asText().trim() : "";
    }

    /**
     * Every {@code <meta>} content by its property, name or itemprop (lower-cased; the first one
     * wins), read in one pass: a selector per key would walk the whole page twenty times.
     */
    private static Map<String, String> metas(Document doc) {
        Map<String, String> metas = new HashMap<>();
        for (Element e : doc.getElementsByTag("meta")) {
            String content = e.attr("content").trim();
            if (content.isEmpty()) {
                continue;
            }
            for (String keyAttribute : new String[] {"property", "name", "itemprop"}) {
                String key = e.attr(keyAttribute);
                if (!key.isEmpty()) {
                    metas.putIfAbsent(key.toLowerCase(Locale.ROOT), content);
                }
            }
        }
        return metas;
    }

    /** The first of the keys the page has a non-blank meta for. */
    private static Optional<String> meta(Map<String, String> metas, String... keys) {
        for (String key : keys) {
            String value = metas.get(key.toLowerCase(Locale.ROOT));
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> attr(Document doc, String selector, String attribute) {
        Element e = doc.selectFirst(selector);
        return e == null ? Optional.empty() : Optional.of(e.attr(attribute).trim()).filter(s -> !s.isEmpty());
    }

    /** The first source that has a value; later ones are not looked at (some walk the whole page). */
    @SafeVarargs
    private static Optional<String> first(Supplier<Optional<String>>... sources) {
        for (Supplier<Optional<String>> source : sources) {
            Optional<String> c = source.get();
            if (c.isPresent() && !c.get().isBlank()) {
                return c.map(String::trim);
            }
        }
        return Optional.empty();
    }

    /** "Headline | Site Name" -> "Headline", when the tail is short enough to be a site name. */
    static String stripSiteSuffix(String title) {
        for (String sep : List.of(" | ", " - ", " – ", " — ", " :: ")) {
            int i = title.lastIndexOf(sep);
            if (i > 20 && title.length() - i < 40) {
                return title.substring(0, i).trim();
            }
        }
        return title.trim();
    }

}
