package dev.newsflow.clean;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/** The cleaning stage's work on one page: decode, parse, extract main text and metadata, fingerprint. */
public final class ArticleCleaner {

    private final PageDecoder decoder;
    private final MetadataExtractor metadata = new MetadataExtractor();
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final LanguageGuesser languages;
    private final int minWords;

    public ArticleCleaner(int maxPageBytes, int minWords, LanguageGuesser languages) {
        this.decoder = new PageDecoder(maxPageBytes);
        this.minWords = minWords;
        this.languages = languages;
    }

    public static ArticleCleaner withDefaults() {
        return new ArticleCleaner(5 * 1024 * 1024, 50, new LanguageGuesser());
    }

    public CleanArticle clean(byte[] body, String contentType, String url, long fetchedAt, SourceRef source)
            throws CleanFailure {
        String html = decoder.decode(body, contentType);
        if (!PageDecoder.looksLikeMarkup(html)) {
            throw new CleanFailure(CleanFailure.Reason.NOT_HTML, "no HTML markup in the first 1024 characters");
        }
        Document doc = parse(html, url);
        PageMetadata meta = metadata.extract(doc);
        List<String> paragraphs = extractor.extract(doc);
        String text = String.join("\n\n", paragraphs);
        int words = wordCount(text);
        if (words < minWords) {
            // rare: the article sat inside an element whose class names look like a widget
            List<String> retry = extractor.extract(parse(html, url), false);
            String retryText = String.join("\n\n", retry);
            int retryWords = wordCount(retryText);
            if (retryWords > words) {
                paragraphs = retry;
                text = retryText;
                words = retryWords;
            }
        }
        if (words < minWords) {
            throw new CleanFailure(CleanFailure.Reason.NOT_AN_ARTICLE,
                    "only " + words + " words of main text (at least " + minWords + " needed)"
                            + (meta.declaresArticle() ? "" : "; the page does not declare itself an article"));
        }
        String canonical = UrlNormalizer.normalize(meta.canonicalUrl().orElse(url));
        String host = UrlNormalizer.host(canonical);
        return CleanArticle.newBuilder()
                .setId(sha256Hex(canonical).substring(0, 32))
                .setUrl(url)
                .setCanonicalUrl(canonical)
                .setSite(meta.siteName().orElse(host))
                .setTitle(meta.title().orElse(""))
                .setAuthors(meta.authors())
                .setPublishedAt(meta.publishedAt().orElse(null))
                .setModifiedAt(meta.modifiedAt().orElse(null))
                .setLanguage(languages.guess(text).or(meta::declaredLanguage).orElse(null))
                .setParagraphs(paragraphs)
                .setText(text)
                .setWordCount(words)
                .setBodyHash(bodyHash(text))
                .setFetchedAt(java.time.Instant.ofEpochMilli(fetchedAt))
                .setSource(source)
                .build();
    }

    /** Main text only, for measuring the extractor: empty when the page is refused. */
    public String extractText(byte[] body, String contentType, String url) {
        try {
            return clean(body, contentType, url, 0L, new SourceRef("bench", 0, 0L)).getText();
        } catch (CleanFailure refused) {
            return "";
        }
    }

    private static Document parse(String html, String url) {
        return Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
    }

    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }

    /** The exact-duplicate key of a text: re-encoded or re-spaced copies of one text hash alike. */
    public static String bodyHash(String text) {
        return sha256Hex(normalizedForHash(text));
    }

    /** Case, punctuation and spacing folded. */
    static String normalizedForHash(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        return out.toString().strip();
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
