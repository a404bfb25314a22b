package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.avro.TextSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One small hand-written page per class of page the cleaner used to get wrong on pages it was never
 * tuned on: text that is not in {@code <p>} tags, comment threads and sidebars that outweigh the
 * article, pages whose markup hides the article but whose JSON-LD declares it, a swallowed title,
 * leading blank lines, the headline repeated in the text, a byline only readers can see.
 */
class ArticleCleanerTest {
    private static final String P1 = "The foreign minister said on Sunday that talks with Washington would resume, "
            + "but only if the sanctions announced last month were lifted first, and in full.";
    private static final String P2 = "He spoke in an interview recorded in Moscow, his first with an American "
            + "network since the war began, and repeated that Kyiv had rejected earlier proposals.";
    private static final String P3 = "Officials in Washington declined to comment on the remarks, saying the "
            + "administration would not negotiate through television interviews.";
    private static final String TRENDING = "<div class=\"trending\"><h3>Trending</h3><ul>"
            + "<li><a href=\"/a\">Actor spotted at a film festival in a remarkable green outfit</a></li>"
            + "<li><a href=\"/b\">Ten recipes for the weekend that everyone in the family will love</a></li>"
            + "<li><a href=\"/c\">Markets close higher as investors bet on falling interest rates</a></li></ul></div>";

    private final ArticleCleaner cleaner = ArticleCleaner.withDefaults();

    @Test
    void paragraphsSplitByLineBreaksInsideADivAreTheArticle() throws CleanFailure {
        CleanArticle article = clean(page("<div class=\"story\">" + P1 + "<br><br>" + P2 + "<br><br>" + P3 + "</div>"
                + TRENDING));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
        assertThat(article.getTextSource()).isEqualTo(TextSource.PAGE);
    }

    @Test
    void oneDivPerParagraphIsTheArticle() throws CleanFailure {
        CleanArticle article = clean(page("<div id=\"body\"><div>" + P1 + "</div><div>" + P2 + "</div><div>" + P3
                + "</div></div>" + TRENDING));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
    }

    @Test
    void bareTextInATableCellIsTheArticle() throws CleanFailure {
        CleanArticle article = clean(page("<table><tr><td class=\"nav\"><a href=\"/\">Home</a><br><a href=\"/w\">World"
                + "</a></td><td>" + P1 + "<br><br>" + P2 + "<br><br>" + P3 + "</td></tr></table>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
    }

    @Test
    void readersCommentsAfterTheArticleInTheSameContainerAreNotText() throws CleanFailure {
        StringBuilder comments = new StringBuilder("<h2 id=\"comments\">Comments</h2>");
        for (int i = 0; i < 30; i++) {
            comments.append("<div id=\"c").append(i).append("\"><p>I have read every word of this and I think the "
                    + "minister is wrong, as anyone who followed the talks last year will remember clearly.</p></div>"
                    + "<p class=\"posted\">Posted by: reader").append(i).append(" at October 29, 2012 05:23 PM</p>");
        }
        CleanArticle article = clean(page("<div class=\"content\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3
                + "</p><p class=\"posted\">Posted by laurie at September 10, 2012 9:01 AM</p>" + comments + "</div>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3,
                "Posted by laurie at September 10, 2012 9:01 AM");
    }

    @Test
    void aSectionOfTheArticleHeadedCommentIsNotTheReadersSection() throws CleanFailure {
        String briefing = "Journalists need experts who can explain a complex subject quickly and well.";
        CleanArticle article = clean(page("<div class=\"content\"><p>" + P1 + "</p><p>" + P2 + "</p><h2><span>Comment"
                + "</span></h2>" + P3 + "<br><h2>Briefing</h2>" + briefing + "<br><h3>2 Comments</h3><p>I think the "
                + "minister is wrong, as anyone who followed the talks last year will remember.</p></div>"));
        // the one word goes as a line of chrome would ("Comment" under a post), the section stays
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3, "Briefing", briefing);
    }

    @Test
    void aLongSidebarLosesToAShorterArticle() throws CleanFailure {
        String sidebarText = "<p>About this blog: we write about cameras, lenses and the people who use them, "
                + "and we have done so, every day, since the spring of 2008.</p>";
        CleanArticle article = clean(page("<div id=\"content\"><div class=\"entry\"><p>" + P1 + "</p><p>" + P2
                + "</p></div></div><div id=\"sidebar\"><div class=\"textwidget\">" + sidebarText.repeat(6)
                + "</div></div>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2);
    }

    @Test
    void anArticleAboveALongerBoxedPartOfItIsKeptWithIt() throws CleanFailure {
        String release = "The company said the service would reach twelve more countries next year, with "
                + "offline maps, transit directions and live traffic, and that partners would get early access.";
        CleanArticle article = clean(page("<div class=\"col\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3
                + "</p><div class=\"release\"><div class=\"release-inner\">" + ("<p>" + release + "</p>").repeat(5)
                + "</div></div></div>" + TRENDING));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3, release, release, release, release, release);
    }

    @Test
    void aCopyOfTheStoryHiddenByItsClassIsNotReadTwice() throws CleanFailure {
        String story = "<p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p>";
        CleanArticle article = clean(page("<article><div class=\"story snippet hidden\">" + story + "</div>"
                + "<div class=\"story overflow-hidden\">" + story + "</div></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
    }

    @Test
    void aSlideshowLongerThanTheStoryInsideTheDeclaredBodyIsNotText() throws CleanFailure {
        String slide = "<li><h4>Claim number one</h4><p>The claim spread quickly, although every independent fact "
                + "checker who looked at it, in several countries and over several years, found it to be false.</p></li>";
        String p4 = "The ministry later published a full transcript of the interview on its website, in Russian and "
                + "in English, and said that the minister had nothing to add to what he told the network.";
        CleanArticle article = clean(page("<div itemprop=\"articleBody\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3
                + "</p><p>" + p4 + "</p><div class=\"promo_holder\"><ul>" + slide.repeat(12) + "</ul></div></div>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3, p4);
    }

    @Test
    void aPrintableRecipeIsTextThoughAPrintButtonIsNot() throws CleanFailure {
        CleanArticle article = clean(page("<article><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p>"
                + "<div class=\"print-button\"><p>Print this recipe for your kitchen.</p></div>"
                + "<div class=\"printable\"><p>1 package of active dry yeast</p><p>2 3/4 cups all-purpose flour, sifted</p>"
                + "<p>1/2 cup milk, at room temperature</p></div></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3, "1 package of active dry yeast",
                "2 3/4 cups all-purpose flour, sifted", "1/2 cup milk, at room temperature");
    }

    @Test
    void shortListItemsInTheArticleAreKept() throws CleanFailure {
        CleanArticle article = clean(page("<article><p>" + P1 + "</p><p>The talks would take place in:</p>"
                + "<ul><li>Geneva</li><li>Vienna</li><li>Istanbul</li></ul><p>" + P3 + "</p></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, "The talks would take place in:", "Geneva", "Vienna",
                "Istanbul", P3);
    }

    @Test
    void tableRowsNamedForTheirDataAreNotWidgets() throws CleanFailure {
        CleanArticle article = clean(page("<article><p>" + P1 + "</p><p>" + P2 + "</p><table><tr class=\"colhead\">"
                + "<td>Pos.</td><td>Player</td><td>Points</td></tr><tr class=\"oddrow player-2020-580\"><td>1</td>"
                + "<td>Kyle Busch</td><td>5040</td></tr><tr class=\"evenrow player-2020-416\"><td>2</td>"
                + "<td>Martin Truex Jr.</td><td>5035</td></tr></table></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, "Pos.", "Player", "Points", "1", "Kyle Busch",
                "5040", "2", "Martin Truex Jr.", "5035");
    }

    @Test
    void aSentenceWhoseWordsAreMostlyLinksIsTextButALinkListIsNot() throws CleanFailure {
        String linked = "If you like it, you'll like other <a href=\"/c\">casual tabletop games</a>, like <a href=\"/a\">"
                + "Apples to Apples</a>, <a href=\"/h\">Cards Against Humanity</a>, and <a href=\"/v\">the three quick "
                + "games we have already played</a> (Tsuro, Zombie Dice, and Get Bit!).";
        CleanArticle article = clean(page("<article><p>" + P1 + "</p><p>" + P2 + "</p><p>" + linked + "</p><ul>"
                + "<li><a href=\"/1\">Actor spotted at a film festival in a remarkable green outfit</a> (4 photos)</li>"
                + "<li><a href=\"/2\">Markets close higher as investors bet on falling interest rates.</a></li></ul>"
                + "</article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, "If you like it, you'll like other casual tabletop "
                + "games, like Apples to Apples, Cards Against Humanity, and the three quick games we have already "
                + "played (Tsuro, Zombie Dice, and Get Bit!).");
    }

    @Test
    void aPostQuotedFromASocialNetworkIsTextThoughItsWrapperIsNamedSocial() throws CleanFailure {
        String tweet = "Yes this is real and yes the state spent nearly half a million dollars on it";
        CleanArticle article = clean(page("<article><p>" + P1 + "</p><p>" + P2 + "</p><div class=\"social-media-embed\">"
                + "<blockquote class=\"twitter-tweet\"><p lang=\"en\">" + tweet + "</p>— Dianna (@dianna) November 18, "
                + "2019</blockquote></div><p>" + P3 + "</p><div class=\"social-share\"><p>Share this story with your "
                + "friends and family on every network.</p></div></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, tweet, "— Dianna (@dianna) November 18, 2019", P3);
    }

    @Test
    void theAuthorsBoxUnderTheStoryIsNotText() throws CleanFailure {
        CleanArticle article = clean(page("<div class=\"entry\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p>"
                + "<div class=\"authorsure-author-box\"><p>Anna Petrova has covered Russian politics for twenty years, "
                + "from Moscow and, since the war began, from Riga.</p></div><div class=\"author_info\"><p>She has "
                + "written 2,565 posts on this site, and you can follow her on every network.</p></div></div>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
    }

    @Test
    void aDeclaredArticleWhoseMarkupHidesTheTextFallsBackToItsJsonLdBody() throws CleanFailure {
        String ld = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Lavrov interview\","
                + "\"articleBody\":\"" + P1 + "\\n" + P2 + "\\n\\n" + P3 + "\"}";
        CleanArticle article = clean("<html><head><title>Lavrov interview</title>"
                + "<script type=\"application/ld+json\">" + ld + "</script></head><body><div id=\"app\">Loading the "
                + "story, please wait.</div>" + TRENDING + "</body></html>");
        assertThat(article.getTextSource()).isEqualTo(TextSource.JSON_LD);
        assertThat(article.getParagraphs()).containsExactly(P1, P2, P3);
        assertThat(article.getTitle()).isEqualTo("Lavrov interview");
    }

    @Test
    void theMarkupStaysTheSourceWhenItHoldsTheDeclaredBody() throws CleanFailure {
        String ld = "{\"@type\":\"NewsArticle\",\"articleBody\":\"" + P1 + " " + P2 + "\"}";
        CleanArticle article = clean("<html><head><script type=\"application/ld+json\">" + ld + "</script></head><body>"
                + "<article><p>" + P1 + "</p><p>" + P2 + "</p></article></body></html>");
        assertThat(article.getTextSource()).isEqualTo(TextSource.PAGE);
        assertThat(article.getParagraphs()).containsExactly(P1, P2);
    }

    @Test
    void aTitleWithADamagedEndTagNoLongerSwallowsThePage() throws CleanFailure {
        CleanArticle article = clean("<html><head><title>Talks to resume</titel><meta charset=\"utf-8\"></head><body>"
                + "<article><p>" + P1 + "</p><p>" + P2 + "</p></article></body></html>");
        assertThat(article.getTitle()).isEqualTo("Talks to resume");
        assertThat(article.getParagraphs()).containsExactly(P1, P2);
    }

    @Test
    void blankLinesBeforeTheMarkupDoNotMakeAPageNotHtml() throws CleanFailure {
        CleanArticle article = clean("\n".repeat(1400) + page("<article><p>" + P1 + "</p><p>" + P2 + "</p></article>"));
        assertThat(article.getParagraphs()).containsExactly(P1, P2);
    }

    @Test
    void theHeadlineIsTheTitleNotTheFirstParagraph() throws CleanFailure {
        CleanArticle article = clean("<html><head><meta property=\"og:title\" content=\"Talks to resume, minister says\">"
                + "</head><body><article><h1>Talks to Resume, Minister Says</h1><p>" + P1 + "</p><p>" + P2
                + "</p></article></body></html>");
        assertThat(article.getTitle()).isEqualTo("Talks to resume, minister says");
        assertThat(article.getParagraphs()).containsExactly(P1, P2);
    }

    @Test
    void aVisibleBylineFillsTheAuthorsWhenThePageHasNoAuthorMetadata() throws CleanFailure {
        CleanArticle article = clean(page("<article><div class=\"meta\"><span>By <a href=\"/ap\">Anna Petrova</a> and "
                + "<a href=\"/is\">Ivan Sokolov</a>, Reuters</span></div><p>" + P1 + "</p><p>" + P2 + "</p></article>"));
        assertThat(article.getAuthors()).containsExactly("Anna Petrova", "Ivan Sokolov");
    }

    @Test
    void aShortPostIsAnArticleOnlyWhenThePageDeclaresOne() throws CleanFailure {
        String post = "<article><p>" + P2 + "</p></article>";
        assertThatThrownBy(() -> clean(page(post)))
                .isInstanceOfSatisfying(CleanFailure.class,
                        e -> assertThat(e.reason()).isEqualTo(CleanFailure.Reason.NOT_AN_ARTICLE));
        CleanArticle declared = clean("<html><head><meta property=\"og:type\" content=\"article\"></head><body>" + post
                + "</body></html>");
        assertThat(declared.getParagraphs()).containsExactly(P2);
    }

    @Test
    void aShortDeclaredPostKeepsItsTextOverTheReadersThreadBesideIt() throws CleanFailure {
        // the thread goes as page chrome; read again without that, it outscores the post but is no article either
        String thread = "<aside>" + "<p>Love it, and the bag, and the shoes, wow!</p>".repeat(4) + "</aside>";
        CleanArticle article = clean("<html><head><meta property=\"og:type\" content=\"article\"></head><body>"
                + "<div><p>" + P2 + "</p></div>" + thread + TRENDING + TRENDING + "</body></html>");
        assertThat(article.getParagraphs()).containsExactly(P2);
    }

    @Test
    void aPageWithoutAWebUrlIsIdentifiedByItsTextAndAScriptUrlIsRefused() throws CleanFailure {
        String html = page("<article><p>" + P1 + "</p><p>" + P2 + "</p></article>");
        CleanArticle blank = cleaner.clean(html.getBytes(StandardCharsets.UTF_8), "text/html", "about:blank", 0L,
                new SourceRef("pages.raw", 0, 0L));
        CleanArticle other = cleaner.clean(page("<article><p>" + P3 + "</p><p>" + P2 + "</p><p>" + P1 + "</p></article>")
                .getBytes(StandardCharsets.UTF_8), "text/html", "", 0L, new SourceRef("pages.raw", 0, 1L));
        assertThat(blank.getCanonicalUrl()).isEmpty();
        assertThat(other.getCanonicalUrl()).isEmpty();
        assertThat(blank.getId()).isNotEqualTo(other.getId());
        assertThatThrownBy(() -> cleaner.clean(html.getBytes(StandardCharsets.UTF_8), "text/html",
                "javascript:void(0)", 0L, new SourceRef("pages.raw", 0, 2L)))
                .isInstanceOfSatisfying(CleanFailure.class,
                        e -> assertThat(e.reason()).isEqualTo(CleanFailure.Reason.SCRIPT_URL));
    }

    private static String page(String body) {
        return "<html><head><title>Page</title></head><body><nav><a href=\"/\">Home</a></nav>" + body + "</body></html>";
    }

    private CleanArticle clean(String html) throws CleanFailure {
        return cleaner.clean(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://news.example/story", 0L, new SourceRef("pages.raw", 0, 0L));
    }
}
