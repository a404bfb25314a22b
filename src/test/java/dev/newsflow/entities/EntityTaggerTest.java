package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.KnowledgeEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tagger's passes with a scripted recognizer: linking, new entities, propagation and surnames. */
class EntityTaggerTest {
    private final KnowledgeBase kb = new KnowledgeBase();

    EntityTaggerTest() {
        kb.upsert(new KnowledgeEntity("org:amazon", "Amazon", EntityType.ORGANIZATION, List.of("Amazon.com")));
        kb.upsert(new KnowledgeEntity("loc:brazil", "Brazil", EntityType.LOCATION, List.of()));
        kb.upsert(new KnowledgeEntity("org:boe", "Bank of England", EntityType.ORGANIZATION, List.of("BoE")));
        kb.upsert(new KnowledgeEntity("loc:us", "United States", EntityType.LOCATION, List.of("U.S.", "US")));
    }

    /** Recognizes the given words, wherever they occur in what it is shown, as the given type. */
    private static NamedEntityRecognizer recognizing(Map<String, EntityType> names) {
        return text -> {
            List<NamedEntityRecognizer.Span> spans = new ArrayList<>();
            names.forEach((name, type) -> {
                for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
                    spans.add(new NamedEntityRecognizer.Span(i, i + name.length(), type));
                }
            });
            return spans;
        };
    }

    @Test
    void recognizedNamesLinkOnlyToEntitiesOfTheirKindAndOthersBecomeNewEntities() {
        EntityTagger tagger = new EntityTagger(kb, recognizing(Map.of("Amazon", EntityType.LOCATION,
                "Brazil", EntityType.LOCATION, "Marina Silva", EntityType.PERSON)), 10_000);
        Map<String, Entity> byName = byName(tagger.tag("", "Marina Silva said the Amazon in Brazil is shrinking more "
                + "slowly. Silva spoke in the capital.", "en"));
        assertThat(byName.get("Amazon").getType()).isEqualTo(EntityType.LOCATION);
        assertThat(byName.get("Amazon").getKbId()).as("not the company").isNull();
        assertThat(byName.get("Brazil").getKbId()).isEqualTo("loc:brazil");
        assertThat(byName.get("Marina Silva").getKbId()).isNull();
        assertThat(byName.get("Marina Silva").getCount()).as("the surname alone resolves to her").isEqualTo(2);
    }

    @Test
    void multiWordAliasesComeFirstAndNamesFoundEarlyAreMatchedPastTheRecognizersLimit() {
        String lead = "The Bank of England met on Thursday. Andrew Bailey chaired it.";
        String rest = "\n" + "Nothing much happened for a long while afterwards. ".repeat(10)
                + "\nAndrew Bailey left early and Bailey did not comment.";
        EntityTagger tagger = new EntityTagger(kb, recognizing(Map.of("Bank", EntityType.ORGANIZATION,
                "England", EntityType.LOCATION, "Andrew Bailey", EntityType.PERSON)), lead.length());
        Map<String, Entity> byName = byName(tagger.tag("", lead + rest, "en"));
        assertThat(byName).doesNotContainKeys("Bank", "England");
        assertThat(byName.get("Bank of England").getKbId()).isEqualTo("org:boe");
        assertThat(byName.get("Andrew Bailey").getCount()).isEqualTo(3);
    }

    @Test
    void aNameTheArticleAlsoUsesForAKnownEntityMeansThatEntity() {
        kb.upsert(new KnowledgeEntity("org:tesla", "Tesla", EntityType.ORGANIZATION, List.of("Tesla Inc.")));
        // the recognizer calls the first "Tesla" a person and misses the second; the knowledge base knows the carmaker
        NamedEntityRecognizer wavering = text -> text.startsWith("Tesla")
                ? List.of(new NamedEntityRecognizer.Span(0, 5, EntityType.PERSON)) : List.of();
        EntityTagger tagger = new EntityTagger(kb, wavering, 10_000);
        Map<String, Entity> byName = byName(tagger.tag("", "Tesla recalls cars. Later Tesla said the fix was ready.", "en"));
        assertThat(byName).containsOnlyKeys("Tesla");
        assertThat(byName.get("Tesla").getKbId()).isEqualTo("org:tesla");
        assertThat(byName.get("Tesla").getCount()).isEqualTo(2);
    }

    @Test
    void theTypeOfANameIsDecidedByItsMentionsInsideSentencesNotByTheFirst() {
        // the recognizer reads a name worst at a sentence's start, where its capital says nothing
        NamedEntityRecognizer startsWrong = text -> {
            List<NamedEntityRecognizer.Span> spans = new ArrayList<>();
            for (int i = text.indexOf("Gloria"); i >= 0; i = text.indexOf("Gloria", i + 1)) {
                boolean sentenceStart = i == 0 || text.charAt(i - 2) == '.';
                spans.add(new NamedEntityRecognizer.Span(i, i + 6,
                        sentenceStart ? EntityType.ORGANIZATION : EntityType.PERSON));
            }
            return spans;
        };
        EntityTagger tagger = new EntityTagger(kb, startsWrong, 10_000);
        List<Entity> entities = tagger.tag("", "Gloria was born in 2009. Gloria cried. Doctors treated Gloria at home.",
                "en");
        assertThat(entities).hasSize(1);
        assertThat(entities.get(0).getType()).isEqualTo(EntityType.PERSON);
        assertThat(entities.get(0).getCount()).isEqualTo(3);
    }

    @Test
    void aNameTheModelNeverSawTakesTheKnowledgeBasesTypeAndOneItKnowsKeepsItsOwn() {
        kb.upsert(new KnowledgeEntity("loc:kyiv", "Kyiv", EntityType.LOCATION, List.of("Kiev")));
        kb.upsert(new KnowledgeEntity("loc:jordan", "Jordan", EntityType.LOCATION, List.of()));
        NamedEntityRecognizer knowsJordanOnly = new NamedEntityRecognizer() {
            @Override
            public List<Span> find(String text) {
                return recognizing(Map.of("Kyiv", EntityType.PERSON, "Jordan", EntityType.PERSON)).find(text);
            }

            @Override
            public boolean knowsAnyWordOf(String name) {
                return name.equals("Jordan");
            }
        };
        Map<String, Entity> byName = byName(new EntityTagger(kb, knowsJordanOnly, 10_000)
                .tag("", "Officials in Kyiv said that Jordan would play.", "en"));
        assertThat(byName.get("Kyiv").getKbId()).isEqualTo("loc:kyiv");
        assertThat(byName.get("Kyiv").getType()).isEqualTo(EntityType.LOCATION);
        assertThat(byName.get("Jordan").getKbId()).isNull();
        assertThat(byName.get("Jordan").getType()).isEqualTo(EntityType.PERSON);
    }

    @Test
    void theRecognizerReadsToTheEndOfTheParagraphCrossingItsLimitButNoFurtherThanTwiceTheLimit() {
        List<Integer> read = new ArrayList<>();
        NamedEntityRecognizer measuring = text -> {
            read.add(text.length());
            return List.of();
        };
        EntityTagger tagger = new EntityTagger(kb, measuring, 1000);
        String paragraph = "Words of a long paragraph go on. ".repeat(40);
        tagger.tag("", paragraph + "\n" + paragraph, "en");
        tagger.tag("", paragraph.repeat(1000), "en");
        assertThat(read).containsExactly(0, paragraph.length(), 0, paragraph.lastIndexOf(' ', 1000));
    }

    @Test
    void otherLanguagesGetTheKnowledgeBaseOnly() {
        EntityTagger tagger = new EntityTagger(kb, recognizing(Map.of("Regeln", EntityType.MISC)), 10_000);
        assertThat(byName(tagger.tag("", "Neue Regeln für Brazil.", "de"))).containsOnlyKeys("Brazil");
    }

    @Test
    void dottedAbbreviationsKeepTheirLastDot() {
        EntityTagger tagger = new EntityTagger(kb, NamedEntityRecognizer.NONE, 10_000);
        String text = "Talks with the U.S. went on. Brazil and the U.S.\nUS markets and us.";
        Entity us = byName(tagger.tag("", text, "en")).get("United States");
        assertThat(us.getMentions()).extracting(m -> m.getText()).containsExactly("U.S.", "U.S.", "US");
        assertThat(us.getMentions()).allSatisfy(m ->
                assertThat(text.substring(m.getStart(), m.getEnd())).isEqualTo(m.getText()));
    }

    private static Map<String, Entity> byName(List<Entity> entities) {
        return entities.stream().collect(Collectors.toMap(Entity::getName, e -> e));
    }
}
