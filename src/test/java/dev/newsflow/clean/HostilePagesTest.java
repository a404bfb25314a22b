package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
    private static final String ARTICLE = "<article><h1>Rates held</h1>"
            + "<p>The central bank held its rates on Wednesday, as markets had expected for weeks.</p>"
            + "<p>Officials said inflation was easing, but that they would wait for more data.</p></article>";

    @Test
    void authorsAreSplitAtCommasAmpersandsBarsAndTheWordAnd() {
        assertThat(MetadataExtractor.authorParts("Anna Petrova and John Smith, Jane Doe | Bob Lee & Ann Lu"))
                .containsExactly("Anna Petrova", "John Smith", "Jane Doe", "Bob Lee", "Ann Lu");
        assertThat(MetadataExtractor.authorParts("Alexander Candela")).containsExactly("Alexander Candela");
    }

    @Test
    void anAuthorFieldOfAMillionSpacesIsReadInLinearTime() {
        String page = "<html><head><meta name=\"author\" content=\"" + " ".repeat(1_000_000) + "\"></head><body>"
                + ARTICLE + "</body></html>";
        PageMetadata meta = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new MetadataExtractor().extract(Jsoup.parse(page)));
        assertThat(meta.authors()).isEmpty();
    }

    @Test
    void hundredsOfThousandsOfNestedAsidesAreRemovedInLinearTime() {
        assertTheArticleIsFoundWithin10Seconds("<aside>x ".repeat(300_000));
    }

    @Test
    void hundredsOfThousandsOfNestedWidgetsAreRemovedInLinearTime() {
        assertTheArticleIsFoundWithin10Seconds("<div class=\"share\">y ".repeat(300_000));
    }

    private static void assertTheArticleIsFoundWithin10Seconds(String junkAfterTheArticle) {
        Document doc = Jsoup.parse("<html><body>" + ARTICLE + junkAfterTheArticle + "</body></html>");
        List<String> paragraphs = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new ArticleExtractor().extract(doc));
        assertThat(paragraphs).containsExactly("Rates held",
                "The central bank held its rates on Wednesday, as markets had expected for weeks.",
                "Officials said inflation was easing, but that they would wait for more data.");
    }
}
