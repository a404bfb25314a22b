package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.Mention;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The systematic errors seen on news, each written as a small article and tagged by the real
 * recognizer (Stanford's CRF) and the seed knowledge base, with the exact entities expected:
 * "TYPE name [mention, mention]", linked entities marked with their knowledge-base id.
 */
class NewsTaggingTest {
    private static EntityTagger tagger;

    @BeforeAll
    static void loadModelAndKnowledgeBase() {
        KnowledgeBase kb = new KnowledgeBase();
        KnowledgeBaseSeed.load().forEach(kb::upsert);
        tagger = new EntityTagger(kb, StanfordCrfRecognizer.shared(), 20_000);
    }

    private static List<String> tag(String text) {
        return tag("", text);
    }

    private static List<String> tag(String title, String text) {
        return tagger.tag(title, text, "en").stream().map(NewsTaggingTest::describe).sorted().toList();
    }

    private static String describe(Entity e) {
        return e.getType() + " " + e.getName() + (e.getKbId() == null ? "" : " <" + e.getKbId() + ">") + " "
                + e.getMentions().stream().map(Mention::getText).collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void aSentenceWhoseOnlyCapitalIsItsFirstWordIsRead() {
        assertThat(tag("Kennedy said he would run again.")).containsExactly("PERSON Kennedy [Kennedy]");
    }

    @Test
    void titlesAndInitialsWithADotDoNotEndTheSentence() {
        assertThat(tag("Mr. Smith said the plan would fail.")).containsExactly("PERSON Smith [Smith]");
        assertThat(tag("The report was written by J. R. Miller, a historian."))
                .containsExactly("PERSON J R Miller [J. R. Miller]");
    }

    @Test
    void aLongerNameWinsOverTheKnowledgeBaseAliasInsideIt() {
        assertThat(tag("The New York Rangers lost again on Sunday.")).containsExactly(
                "ORGANIZATION New York Rangers [New York Rangers]");
        assertThat(tag("Shares fell on the New York Stock Exchange after the report.")).containsExactly(
                "ORGANIZATION New York Stock Exchange [New York Stock Exchange]");
        assertThat(tag("The Swedish Social Democratic Party won the most seats.")).noneMatch(
                e -> e.contains("democratic-party"));
        assertThat(tag("The populist New Zealand First party joined the coalition.")).containsExactly(
                "ORGANIZATION New Zealand First [New Zealand First]");
    }

    @Test
    void aPlaceInTheKnowledgeBaseDoesNotOverrideWhatTheModelKnowsOfTeamsAndPeople() {
        assertThat(tag("In the league on Saturday, Barcelona beat Madrid 2-1 at home.")).noneMatch(
                e -> e.startsWith("LOCATION"));
        assertThat(tag("Michael Jordan said he would not return. Jordan said it twice.")).containsExactly(
                "PERSON Michael Jordan [Michael Jordan, Jordan]");
    }

    @Test
    void aLineBreakEndsAName() {
        assertThat(tag("By Anna Petrova\nMOSCOW (Reuters) - Prices rose in Russia, officials said.")).containsExactly(
                "LOCATION Moscow <loc:moscow> [MOSCOW]", "LOCATION Russia <loc:russia> [Russia]",
                "ORGANIZATION Reuters <org:reuters> [Reuters]", "PERSON Anna Petrova [Anna Petrova]");
    }

    @Test
    void hyphenatedNamesStayWhole() {
        assertThat(tag("Jean-Claude Juncker spoke in Brussels on Monday.")).containsExactly(
                "LOCATION Brussels <loc:brussels> [Brussels]", "PERSON Jean-Claude Juncker [Jean-Claude Juncker]");
    }

    @Test
    void aDatelineInCapitalsIsAPlace() {
        assertThat(tag("ROME (Reuters) - Italy's government fell on Tuesday.")).contains(
                "LOCATION Rome <loc:rome> [ROME]", "LOCATION Italy <loc:italy> [Italy]");
        assertThat(tag("CAIRO, March 3 - Talks resumed after a week.")).containsExactly(
                "LOCATION Cairo <loc:cairo> [CAIRO]");
    }

    @Test
    void titlesAndArticlesOfAliasesAreNotPartOfTheName() {
        KnowledgeBase kb = new KnowledgeBase();
        KnowledgeBaseSeed.load().forEach(kb::upsert);
        EntityTagger knowledgeBaseOnly = new EntityTagger(kb, NamedEntityRecognizer.NONE, 20_000);
        assertThat(knowledgeBaseOnly.tag("", "President Biden met aides. The Kremlin did not comment.", "en"))
                .extracting(NewsTaggingTest::describe).containsExactlyInAnyOrder(
                        "PERSON Joe Biden <per:joe-biden> [Biden]", "ORGANIZATION Kremlin <org:kremlin> [Kremlin]");
    }

    @Test
    void theSeedStorysPeopleAndPlacesAreOneEntityEach() {
        String text = "Russian Foreign Minister Sergey Lavrov told NBC News that Moscow was open to talks with the "
                + "Trump administration. Lavrov said Ukrainian President Volodymyr Zelenskyy had refused to meet.\n\n"
                + "Zelenskyy’s office in Kyiv rejected the claim. Donald Trump has said he wants a deal, and Kyiv "
                + "says it will not give up land.";
        assertThat(tag(text)).contains(
                "LOCATION Kyiv <loc:kyiv> [Kyiv, Kyiv]",
                "PERSON Donald Trump <per:donald-trump> [Trump, Donald Trump]",
                "PERSON Volodymyr Zelenskyy <per:volodymyr-zelenskyy> [Volodymyr Zelenskyy, Zelenskyy]",
                "PERSON Sergei Lavrov <per:sergei-lavrov> [Sergey Lavrov, Lavrov]");
    }

    @Test
    void theRecognizersTokensKeepTheirOffsets() {
        String text = "“Jean-Claude Juncker’s plan,” said Mr. Smith. The U.S. didn't agree.";
        List<NewsTokenizer.Token> tokens = NewsTokenizer.sentences(text).stream().flatMap(List::stream).toList();
        assertThat(tokens).extracting(NewsTokenizer.Token::word).containsExactly("\"", "Jean-Claude", "Juncker",
                "'s", "plan", ",", "\"", "said", "Mr.", "Smith", ".", "The", "U.S.", "did", "n't", "agree", ".");
        assertThat(tokens).allSatisfy(t -> assertThat(t.end()).isGreaterThan(t.start()));
        assertThat(tokens.get(1).start()).isEqualTo(1);
        assertThat(text.substring(tokens.get(12).start(), tokens.get(12).end())).isEqualTo("U.S.");
        assertThat(NewsTokenizer.sentences(text)).hasSize(2);
    }
}
