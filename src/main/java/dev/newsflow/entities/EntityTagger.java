package dev.newsflow.entities;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the entities of an article in five passes (then a new name that the same article also uses
 * for a knowledge-base entity is taken to mean that entity):
 * <ol>
 *   <li>knowledge-base aliases of two words or more ("Bank of England"): unambiguous, and what the
 *       recognizer tends to split in title case;</li>
 *   <li>names found by the statistical recognizer (title and the first {@code maxRecognizedChars} of
 *       the text), each linked to the knowledge-base entity it is an alias of when the types agree,
 *       otherwise kept as a new entity of the recognizer's type;</li>
 *   <li>knowledge-base aliases wherever the recognizer found nothing (and past its limit);</li>
 *   <li>the new names of pass 1 wherever else they occur;</li>
 *   <li>surnames alone ("Lavrov") for people named in full in the same article.</li>
 * </ol>
 * Mentions are aggregated per entity with a salience that favours the title and the lead.
 */
public final class EntityTagger {
    private static final double TITLE_WEIGHT = 3;
    private static final double LEAD_WEIGHT = 2;
    /** Ids of entities that are not in the knowledge base start with this. */
    static final String NEW_ENTITY = "~";

    private final KnowledgeBase knowledgeBase;
    private final NamedEntityRecognizer recognizer;
    private final int maxRecognizedChars;

    public EntityTagger(KnowledgeBase knowledgeBase, NamedEntityRecognizer recognizer, int maxRecognizedChars) {
        this.knowledgeBase = knowledgeBase;
        this.recognizer = recognizer;
        this.maxRecognizedChars = maxRecognizedChars;
    }

    private record Found(AliasIndex.Entry entry, Mention mention, double weight) {
    }

    /** One field of the article (title or text) as the passes see it. */
    private record Field(String source, List<TextTokens.Token> tokens, boolean[] used, boolean inTitle, int leadEnd) {
        static Field of(String source, boolean inTitle, int leadEnd) {
            List<TextTokens.Token> tokens = TextTokens.tokenize(source);
            return new Field(source, tokens, new boolean[tokens.size()], inTitle, leadEnd);
        }
    }

    /** The recognizer is trained on English: other languages get the knowledge base only. */
    public List<Entity> tag(String title, String text, String language) {
        return tag(title, text, language == null || language.equals("en") ? recognizer : NamedEntityRecognizer.NONE);
    }

    private List<Entity> tag(String title, String text, NamedEntityRecognizer recognizer) {
        AliasIndex index = knowledgeBase.index();
        int leadEnd = text.indexOf("\n\n") < 0 ? text.length() : text.indexOf("\n\n");
        Field titleField = Field.of(title, true, 0);
        Field textField = Field.of(text, false, leadEnd);
        List<Found> found = new ArrayList<>();
        Map<String, AliasIndex.Entry> newNames = new LinkedHashMap<>();

        for (Field field : List.of(titleField, textField)) {
            matchAliases(index, field, 2, found);
        }
        // titles are short and often hold a name with no other capital: the recognizer reads them whole
        recognize(recognizer.find(title), index, titleField, newNames, found);
        recognize(recognizer.find(RecognizerInput.of(text.substring(0, recognizedPrefix(text)))), index, textField,
                newNames, found);
        for (Field field : List.of(titleField, textField)) {
            matchAliases(index, field, 1, found);
        }
        AliasIndex articleNames = AliasIndex.ofEntries(newNames.values());
        for (Field field : List.of(titleField, textField)) {
            matchAliases(articleNames, field, 1, found);
        }
        Map<String, AliasIndex.Entry> surnames = surnamesOfPeople(found);
        found.replaceAll(f -> resolveSurname(f, surnames));
        Map<String, AliasIndex.Entry> known = knownEntitiesByMention(found);
        found.replaceAll(f -> resolveByKnownMention(f, known));
        for (Field field : List.of(titleField, textField)) {
            matchSurnames(surnames, field, found);
        }
        return aggregate(found);
    }

    /** Where the recognizer stops: the end of the paragraph that crosses the limit. */
    private int recognizedPrefix(String text) {
        if (text.length() <= maxRecognizedChars) {
            return text.length();
        }
        int paragraphEnd = text.indexOf('\n', maxRecognizedChars);
        return paragraphEnd < 0 ? text.length() : paragraphEnd;
    }

    private static void recognize(List<NamedEntityRecognizer.Span> spans, AliasIndex index, Field field,
                                  Map<String, AliasIndex.Entry> newNames, List<Found> found) {
        for (NamedEntityRecognizer.Span span : spans) {
            List<Integer> covered = new ArrayList<>();
            for (int k = 0; k < field.tokens().size(); k++) {
                TextTokens.Token t = field.tokens().get(k);
                if (t.start() >= span.start() && t.end() <= span.end()) {
                    covered.add(k);
                }
            }
            if (covered.isEmpty() || covered.stream().anyMatch(k -> field.used()[k])) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (int k : covered) {
                words.add(field.tokens().get(k).text());
                field.used()[k] = true;
            }
            String key = TextTokens.join(words);
            AliasIndex.Entry entry = index.lookup(key)
                    .filter(known -> compatible(known.type(), span.type()))
                    .orElseGet(() -> newNames.computeIfAbsent(key.toLowerCase(Locale.ROOT), k ->
                            new AliasIndex.Entry(NEW_ENTITY + span.type().name().toLowerCase(Locale.ROOT) + ":" + k,
                                    key, span.type())));
            Mention mention = new Mention(field.source().substring(span.start(), span.end()), span.start(), span.end(),
                    field.inTitle());
            found.add(new Found(entry, mention, weight(field, span.start())));
        }
    }

    /** "Amazon" the river is not Amazon the company: a name links only to an entity of its kind. */
    private static boolean compatible(EntityType known, EntityType recognized) {
        return known == recognized || known == EntityType.MISC || recognized == EntityType.MISC;
    }

    private static Map<String, AliasIndex.Entry> surnamesOfPeople(List<Found> found) {
        Map<String, AliasIndex.Entry> surnames = new HashMap<>();
        for (Found f : found) {
            if (f.entry().type() == EntityType.PERSON) {
                List<String> nameWords = TextTokens.words(f.entry().name());
                List<String> mentionWords = TextTokens.words(f.mention().getText());
                if (nameWords.size() > 1) {
                    surnames.putIfAbsent(nameWords.get(nameWords.size() - 1), f.entry());
                }
                if (mentionWords.size() > 1) {
                    surnames.putIfAbsent(mentionWords.get(mentionWords.size() - 1), f.entry());
                }
            }
        }
        return surnames;
    }

    private static boolean isNew(AliasIndex.Entry entry) {
        return entry.id().startsWith(NEW_ENTITY);
    }

    private static String mentionKey(Found f) {
        return f.mention().getText().toLowerCase(Locale.ROOT);
    }

    /** The knowledge-base entity each mention text of the article was linked to. */
    private static Map<String, AliasIndex.Entry> knownEntitiesByMention(List<Found> found) {
        Map<String, AliasIndex.Entry> known = new HashMap<>();
        for (Found f : found) {
            if (!isNew(f.entry())) {
                known.putIfAbsent(mentionKey(f), f.entry());
            }
        }
        return known;
    }

    /**
     * One name, two kinds within one article ("Tesla" the person, Tesla the carmaker): the recognizer
     * wavered, and the article's own use of the name for a known entity settles it.
     */
    private static Found resolveByKnownMention(Found f, Map<String, AliasIndex.Entry> known) {
        AliasIndex.Entry entry = isNew(f.entry()) ? known.get(mentionKey(f)) : null;
        return entry == null ? f : new Found(entry, f.mention(), f.weight());
    }

    /** A one-word new name that is the surname of a person named in full becomes that person. */
    private static Found resolveSurname(Found f, Map<String, AliasIndex.Entry> surnames) {
        if (!isNew(f.entry()) || f.entry().type() == EntityType.LOCATION) {
            return f;
        }
        List<String> words = TextTokens.words(f.entry().name());
        AliasIndex.Entry person = words.size() == 1 ? surnames.get(words.get(0)) : null;
        return person == null || person.equals(f.entry()) ? f : new Found(person, f.mention(), f.weight());
    }

    private static void matchAliases(AliasIndex index, Field field, int minTokens, List<Found> found) {
        List<TextTokens.Token> tokens = field.tokens();
        int i = 0;
        while (i < tokens.size()) {
            if (field.used()[i] || !tokens.get(i).isCapitalised()) {
                i++;
                continue;
            }
            int matched = 0;
            int longest = Math.min(index.longestAliasFrom(tokens.get(i).text()), tokens.size() - i);
            for (int n = longest; n >= minTokens && matched == 0; n--) {
                if (!free(field, i, n) || !contiguous(field.source(), tokens, i, n)) {
                    continue;
                }
                List<String> words = new ArrayList<>(n);
                for (int k = i; k < i + n; k++) {
                    words.add(tokens.get(k).text());
                }
                var hit = index.lookup(TextTokens.join(words));
                if (hit.isPresent()) {
                    int start = tokens.get(i).start();
                    int end = abbreviationEnd(field.source(), tokens, i, n);
                    Mention mention = new Mention(field.source().substring(start, end), start, end, field.inTitle());
                    found.add(new Found(hit.get(), mention, weight(field, start)));
                    for (int k = i; k < i + n; k++) {
                        field.used()[k] = true;
                    }
                    matched = n;
                }
            }
            i += Math.max(matched, 1);
        }
    }

    /** "U.S." keeps its last dot: tokens joined by dots are an abbreviation, and the dot ending it belongs to it. */
    private static int abbreviationEnd(String source, List<TextTokens.Token> tokens, int i, int n) {
        int end = tokens.get(i + n - 1).end();
        boolean dotted = n > 1 && source.charAt(tokens.get(i).end()) == '.';
        return dotted && end < source.length() && source.charAt(end) == '.' ? end + 1 : end;
    }

    private static void matchSurnames(Map<String, AliasIndex.Entry> surnames, Field field, List<Found> found) {
        for (int i = 0; i < field.tokens().size(); i++) {
            TextTokens.Token t = field.tokens().get(i);
            AliasIndex.Entry person = surnames.get(t.text());
            if (!field.used()[i] && t.isCapitalised() && person != null) {
                field.used()[i] = true;
                found.add(new Found(person, new Mention(t.text(), t.start(), t.end(), field.inTitle()),
                        weight(field, t.start())));
            }
        }
    }

    private static boolean free(Field field, int i, int n) {
        for (int k = i; k < i + n; k++) {
            if (field.used()[k]) {
                return false;
            }
        }
        return true;
    }

    /** Tokens i..i+n-1 separated by one space (or the dot of an abbreviation): a name never spans a sentence break. */
    private static boolean contiguous(String source, List<TextTokens.Token> tokens, int i, int n) {
        for (int k = i; k + 1 < i + n; k++) {
            int gapStart = tokens.get(k).end();
            int gapEnd = tokens.get(k + 1).start();
            char gap = source.charAt(gapStart);
            if (gapEnd - gapStart != 1 || !(Character.isSpaceChar(gap) || gap == '.')) {
                return false;
            }
        }
        return true;
    }

    private static double weight(Field field, int offset) {
        return field.inTitle() ? TITLE_WEIGHT : offset < field.leadEnd() ? LEAD_WEIGHT : 1;
    }

    private static List<Entity> aggregate(List<Found> found) {
        double total = found.stream().mapToDouble(Found::weight).sum();
        Map<String, List<Found>> byEntity = new LinkedHashMap<>();
        for (Found f : found) {
            byEntity.computeIfAbsent(f.entry().id(), k -> new ArrayList<>()).add(f);
        }
        List<Entity> entities = new ArrayList<>();
        for (List<Found> mentions : byEntity.values()) {
            AliasIndex.Entry entry = mentions.get(0).entry();
            List<Mention> sorted = mentions.stream().map(Found::mention)
                    .sorted(Comparator.comparing(Mention::getInTitle).reversed().thenComparingInt(Mention::getStart))
                    .toList();
            double weight = mentions.stream().mapToDouble(Found::weight).sum();
            entities.add(Entity.newBuilder()
                    .setName(entry.name())
                    .setType(entry.type())
                    .setKbId(isNew(entry) ? null : entry.id())
                    .setCount(mentions.size())
                    .setSalience(total == 0 ? 0 : Math.round(weight / total * 1e4) / 1e4)
                    .setMentions(sorted)
                    .build());
        }
        entities.sort(Comparator.comparingDouble(Entity::getSalience).reversed().thenComparing(Entity::getName));
        return entities;
    }
}
