package dev.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsflow.bench.LinkingScore.Link;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of the metric on two hand-written documents; the expected figures are what the shared
 * sets' reference scorer ({@code tools/score.py}) prints for the same gold and links.
 */
class LinkingScoreTest {

    @Test
    void countsAsTheReferenceScorerDoes() throws Exception {
        LinkingSet gold = LinkingSet.read(Path.of("src/test/resources/linking/tiny-gold.jsonl"));
        Map<String, List<Link>> links = Map.of(
                "d1", List.of(
                        new Link(0, 6, "Sergey_Lavrov"), // right
                        new Link(11, 18, "Blinken_(surname)"), // wrong entity on a gold span: FP and FN
                        new Link(22, 25, "Geneva"), // a span off by three characters: FP, and Geneva an FN
                        new Link(32, 38, "Friday")), // a link on no name at all: FP
                "d2", List.of(
                        new Link(0, 6, "Kalovo"), // inside a name the gold calls NIL: ignored, strict FP
                        new Link(19, 25, "Justin_Bieber"), // a name with a QID only: unscorable by title
                        new Link(31, 45, null))); // left unlinked: not a prediction

        LinkingScore score = LinkingScore.of(gold, links, LinkingSet.IdSpace.WIKIPEDIA);

        assertThat(List.of(score.tp(), score.fp(), score.fn(), score.fpStrict(), score.ignoredOnNil(),
                score.unscorable(), score.disambiguated())).containsExactly(1, 3, 2, 4, 1, 1, 3);
        assertThat(score.precision()).isCloseTo(0.25, within(1e-4));
        assertThat(score.recall()).isCloseTo(0.3333, within(1e-4));
        assertThat(score.f1()).isCloseTo(0.2857, within(1e-4));
        assertThat(score.precisionStrict()).isCloseTo(0.2, within(1e-4));
        assertThat(score.f1Strict()).isCloseTo(0.25, within(1e-4));
        assertThat(score.disambiguationAccuracy()).isCloseTo(0.3333, within(1e-4));
    }

    @Test
    void qidsAreScoredInTheirOwnSpace() throws Exception {
        LinkingSet gold = LinkingSet.read(Path.of("src/test/resources/linking/tiny-gold.jsonl"));
        LinkingScore score = LinkingScore.of(gold, Map.of("d2", List.of(new Link(19, 25, "Q34086"))),
                LinkingSet.IdSpace.WIKIDATA);
        assertThat(List.of(score.tp(), score.fp(), score.fn(), score.unscorable())).containsExactly(1, 0, 3, 0);
    }
}
