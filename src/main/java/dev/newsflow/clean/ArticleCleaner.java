package dev.newsflow.clean;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.avro.TextSource;
import dev.newsflow.stream.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/** The cleaning stage's work on one page: decode, parse, extract main text and metadata, fingerprint. */
public final class ArticleCleaner {

    private final PageDecoder decoder;
    private final int maxPageBytes;
    private final MetadataExtractor metadata = new MetadataExtractor();
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final LanguageGuesser languages;
    private final int minWords;
    private final int minDeclaredWords;

    /**
     * @param minWords         words of main text a page needs to count as an article
     * @param minDeclaredWords the same for a page that declares itself an article (JSON-LD, og:type,
     *                         microformats): a short post or brief is still an article there
     */
    public ArticleCleaner(int maxPageBytes, int minWords, int minDeclaredWords, LanguageGuesser languages) {
        this.decoder = new PageDecoder(maxPageBytes);
        this.maxPageBytes = maxPageBytes;
        this.minWords = minWords;
        this.minDeclaredWords = Math.min(minWords, minDeclaredWords);
        this.languages = languages;
    }

    public static ArticleCleaner withDefaults() {
        return new ArticleCleaner(5 * 1024 * 1024, 50, 25, new LanguageGuesser());
    }

    public CleanArticle clean(byte[] body, String contentType, String url, long fetchedAt, SourceRef source)
            throws CleanFailure {
        return clean(body, null, contentType, url, fetchedAt, source);
    }

    /** @param contentEncoding the HTTP Content-Encoding the body was stored with (gzip, deflate, br), or null */
    public CleanArticle clean(byte[] body, String contentEncoding, String contentType, String url, long fetchedAt,
                              SourceRef source) throws CleanFailure {
        if (UrlNormalizer.isScriptUrl(url)) {
            throw new CleanFailure(CleanFailure.Reason.SCRIPT_URL, "the page was fetched from a javascript: URL");
        }
        String html = decoder.decode(BodyEncoding.decoded(body, contentEncoding, maxPageBytes), contentType);
        if (!PageDecoder.looksLikeMarkup(html)) {
            throw new CleanFailure(CleanFailure.Reason.NOT_HTML, "no HTML markup in the first "
                    + PageDecoder.MARKUP_SNIFF_CHARS + " characters after leading white space");
        }
        Document doc = parse(html, url);
        if (SwallowedTitle.isSwallowed(doc)) {
            html = SwallowedTitle.repaired(html);
            doc = parse(html, url);
        }
        PageMetadata meta = metadata.extract(doc);
        MainText main = mainText(doc, html, url, meta);
        int needed = meta.declaresArticle() ? minDeclaredWords : minWords;
        if (main.words() < needed) {
            throw new CleanFailure(CleanFailure.Reason.NOT_AN_ARTICLE,
                    "only " + main.words() + " words of main text (at least " + needed + " needed)"
                            + (meta.declaresArticle() ? "" : "; the page does not declare itself an article"));
        }
        // a canonical URL on another site is a claim the page cannot back: it names neither the article nor its site
        boolean claimsAnotherSite = meta.canonicalUrl().filter(c -> !CanonicalClaim.isVouchedFor(url, c)).isPresent();
        String normalized = UrlNormalizer.normalize(claimsAnotherSite ? url : meta.canonicalUrl().orElse(url));
        // without a web URL the text is the article's only identity
        String canonical = UrlNormalizer.isWebUrl(normalized) ? normalized : "";
        String bodyHash = bodyHash(main.text());
        String host = UrlNormalizer.host(canonical);
        String site = claimsAnotherSite ? host : meta.siteName().orElse(host);
        return CleanArticle.newBuilder()
                .setId(sha256Hex(canonical.isEmpty() ? "text:" + bodyHash : canonical).substring(0, 32))
                .setUrl(url)
                .setCanonicalUrl(canonical)
                .setSite(site)
                .setTitle(meta.title().or(meta::headline).orElse(""))
                .setAuthors(meta.authors())
                .setPublishedAt(meta.publishedAt().orElse(null))
                .setModifiedAt(meta.modifiedAt().orElse(null))
                .setLanguage(languages.guess(main.text()).or(meta::declaredLanguage).orElse(null))
                .setParagraphs(main.paragraphs())
                .setText(main.text())
                .setWordCount(main.words())
                .setBodyHash(bodyHash)
                .setFetchedAt(java.time.Instant.ofEpochMilli(fetchedAt))
                .setSource(source)
                .setTextSource(main.source())
                .build();
    }

    /** The paragraphs of an article, their text as published and its word count. */
    private record MainText(List<String> paragraphs, String text, int words, TextSource source) {
        static MainText of(List<String> paragraphs, TextSource source) {
            String text = String.join("\n\n", paragraphs);
            return new MainText(paragraphs, text, wordCount(text), source);
        }
    }

    /**
     * The page's own paragraphs, the headline not repeated; the page's declared articleBody instead
     * when the markup yields too little to be an article, or far less than the declared body (the
     * extractor picked a sidebar over text it could not see as paragraphs).
     */
    private MainText mainText(Document doc, String html, String url, PageMetadata meta) {
        MainText page = pageText(extractor.extract(doc), meta);
        if (page.words() < minWords) {
            // rare: the article sat inside an element whose class names look like a widget
            MainText retry = pageText(extractor.extract(parse(html, url), false), meta);
            // short of an article too, more words there are as likely a comment thread as the story
            if (retry.words() > page.words() && retry.words() >= minWords) {
                page = retry;
            }
        }
        if (meta.articleBody().isPresent()) {
            MainText declared = MainText.of(DeclaredBody.paragraphs(meta.articleBody().get()), TextSource.JSON_LD);
            if (declared.words() >= minDeclaredWords && declared.words() >= page.words() * 2) {
                return declared;
            }
        }
        return page;
    }

    private static MainText pageText(List<String> paragraphs, PageMetadata meta) {
        return MainText.of(LeadingHeadline.removed(paragraphs, meta), TextSource.PAGE);
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
        return Sha256.hex(s.getBytes(StandardCharsets.UTF_8));
    }
}
