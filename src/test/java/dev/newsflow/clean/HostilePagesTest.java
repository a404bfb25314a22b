package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.SourceRef;
import dev.newsflow.testing.CpuBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Crafted pages that made one record hold a stream thread for minutes: each is cleaned within a
 * few seconds now, with the same output a plain page of the same kind gets.
 */
class HostilePagesTest {
    private static final List<String> ARTICLE_TEXT = List.of(
            "The central bank held its rates on Wednesday, as markets had expected for weeks.",
            "Officials said inflation was easing, but that they would wait for more data.");
    private static final String ARTICLE = "<article><h1>Rates held</h1><p>" + String.join("</p><p>", ARTICLE_TEXT)
            + "</p></article>";

    @Test
    void authorsAreSplitAtCommasAmpersandsBarsAndTheWordAnd() {
        assertThat(MetadataExtractor.authorParts("Anna Petrova and John Smith, Jane Doe | Bob Lee & Ann Lu"))
                .containsExactly("Anna Petrova", "John Smith", "Jane Doe", "Bob Lee", "Ann Lu");
        assertThat(MetadataExtractor.authorParts("Alexander Candela")).containsExactly("Alexander Candela");
    }

    @Test
    void declaredLanguagesAreReadAsTheirPrimarySubtagOrNotAtAll() {
        assertThat(MetadataExtractor.languageCode("en-GB")).contains("en");
        assertThat(MetadataExtractor.languageCode(" pt_BR ")).contains("pt");
        assertThat(MetadataExtractor.languageCode("fil")).contains("fil");
        for (String junk : new String[] {"-", "_", "", "  ", "e", "english", "12", "x-klingon"}) {
            assertThat(MetadataExtractor.languageCode(junk)).as(junk).isEmpty();
        }
    }

    @Test
    void anAuthorFieldOfAMillionSpacesIsReadInLinearTime() throws Exception {
        String page = "<html><head><meta name=\"author\" content=\"" + " ".repeat(1_000_000) + "\"></head><body>"
                + ARTICLE + "</body></html>";
        PageMetadata meta = CpuBudget.within(Duration.ofSeconds(5), () -> new MetadataExtractor().extract(Jsoup.parse(page)));
        assertThat(meta.authors()).isEmpty();
    }

    @Test
    void hundredsOfThousandsOfNestedAsidesAreRemovedInLinearTime() throws Exception {
        assertTheArticleIsFoundWithin10CpuSeconds("<aside>x ".repeat(300_000));
    }

    @Test
    void hundredsOfThousandsOfNestedWidgetsAreRemovedInLinearTime() throws Exception {
        assertTheArticleIsFoundWithin10CpuSeconds("<div class=\"share\">y ".repeat(300_000));
    }

    @Test
    void hundredsOfThousandsOfBylineLikeTextsAreReadInLinearTime() throws Exception {
        assertTheCleanerFindsTheArticleWithin10CpuSeconds("<p>by <b>x</b></p>".repeat(200_000));
    }

    @Test
    void hundredsOfThousandsOfCommentAnchorsAreMarkedInLinearTime() throws Exception {
        assertTheCleanerFindsTheArticleWithin10CpuSeconds("<div id=\"comments\"></div>".repeat(150_000));
    }

    @Test
    void aHeadingOfFourMegabytesIsNotReadWhole() throws Exception {
        assertTheCleanerFindsTheArticleWithin10CpuSeconds("<h2>Comments " + "and more ".repeat(450_000) + "</h2>");
    }

    @Test
    void aTitleThatSwallowsFourMegabytesIsRepairedInLinearTime() throws Exception {
        assertTheCleanerFindsTheArticleWithin10CpuSeconds("<title>Rates held</titel>",
                "<div>filler text</div>".repeat(180_000));
    }

    private static void assertTheCleanerFindsTheArticleWithin10CpuSeconds(String junkAfterTheArticle) throws Exception {
        assertTheCleanerFindsTheArticleWithin10CpuSeconds("", junkAfterTheArticle);
    }

    private static void assertTheCleanerFindsTheArticleWithin10CpuSeconds(String head, String junkAfterTheArticle)
            throws Exception {
        String page = "<html><head><meta property=\"og:type\" content=\"article\">" + head + "</head><body>" + ARTICLE
                + junkAfterTheArticle + "</body></html>";
        List<String> paragraphs = CpuBudget.within(Duration.ofSeconds(10), () -> ArticleCleaner.withDefaults()
                .clean(page.getBytes(StandardCharsets.UTF_8), "text/html", "https://news.example/a", 0L,
                        new SourceRef("pages.raw", 0, 0L)).getParagraphs());
        assertThat(paragraphs).containsExactlyElementsOf(ARTICLE_TEXT);
    }

    private static void assertTheArticleIsFoundWithin10CpuSeconds(String junkAfterTheArticle) throws Exception {
        Document doc = Jsoup.parse("<html><body>" + ARTICLE + junkAfterTheArticle + "</body></html>");
        List<String> paragraphs = CpuBudget.within(Duration.ofSeconds(10), () -> new ArticleExtractor().extract(doc));
        // the extractor alone keeps the headline: only the cleaner knows it is the title
        assertThat(paragraphs).first().isEqualTo("Rates held");
        assertThat(paragraphs.subList(1, paragraphs.size())).containsExactlyElementsOf(ARTICLE_TEXT);
    }
}
