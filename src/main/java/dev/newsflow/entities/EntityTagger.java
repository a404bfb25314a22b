package dev.newsflow.entities;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the entities of an article: the statistical recognizer's names and the knowledge base's
 * aliases, reconciled over the whole article.
 * <ol>
 *   <li>The recognizer reads the title and the first {@code maxRecognizedChars} of the text. The type
 *       of a name is decided over all its mentions, not by the first.</li>
 *   <li>Where a recognized name and a knowledge-base alias overlap, the longer span wins ("New York
 *       Stock Exchange" over the alias "New York"; the alias "Bank of England" over "Bank" and
 *       "England"). A name that is exactly an alias is that entity when the types agree, or when
 *       the model never saw the name's words in training (its type is then a guess from shape and
 *       context: "Kyiv" as a person, "ROME" in a dateline as an organisation); a name the model
 *       knows keeps the model's reading in context ("Jordan said", "Barcelona beat Madrid").</li>
 *   <li>Knowledge-base aliases link wherever no name was recognized, and the recognizer's new
 *       names are matched wherever else they occur (past its limit too).</li>
 *   <li>A surname alone, of a person the article names in full, is that person, whatever the
 *       recognizer or the knowledge base made of it.</li>
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

    /** Tokens [first, last] of a field, as a recognized name or an alias. */
    private record Name(Field field, int first, int last, int start, int end, String key, EntityType type) {
        int length() {
            return last - first + 1;
        }

        boolean within(Name other) {
            return field == other.field && first >= other.first && last <= other.last;
        }
    }

    /** An alias of the index found in the text, with the entity it names. */
    private record Alias(Name name, AliasIndex.Entry entry) {
    }

    /** One field of the article (title or text) as the passes see it. */
    private record Field(String source, List<TextTokens.Token> tokens, boolean[] used, boolean inTitle, int leadEnd) {
        static Field of(String source, boolean inTitle, int leadEnd) {
            List<TextTokens.Token> tokens = TextTokens.tokenize(source);
            return new Field(source, tokens, new boolean[tokens.size()], inTitle, leadEnd);
        }

        boolean free(int first, int last) {
            for (int k = first; k <= last; k++) {
                if (used[k]) {
                    return false;
                }
            }
            return true;
        }

        void claim(int first, int last) {
            for (int k = first; k <= last; k++) {
                used[k] = true;
            }
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
        List<Field> fields = List.of(titleField, textField);

        // titles are short and often hold a name with no other capital: the recognizer reads them whole
        List<Name> recognized = new ArrayList<>(names(recognizer.find(title), titleField));
        recognized.addAll(names(recognizer.find(text.substring(0, recognizedPrefix(text))), textField));
        List<Alias> aliases = new ArrayList<>();
        fields.forEach(field -> aliases.addAll(aliases(index, field)));
        Map<String, EntityType> types = typesOverAllMentions(recognized, index);

        List<Found> found = new ArrayList<>();
        Map<String, AliasIndex.Entry> newNames = new LinkedHashMap<>();
        for (Name name : recognized) {
            if (aliases.stream().noneMatch(a -> a.name().length() > name.length() && name.within(a.name()))) {
                AliasIndex.Entry entry = link(name, types.get(name.key()), index, recognizer)
                        .orElseGet(() -> newNames.computeIfAbsent(name.key(), k -> newEntity(name, types.get(k))));
                claim(name, entry, found);
            }
        }
        claimFree(aliases, found);
        AliasIndex articleNames = AliasIndex.ofEntries(newNames.values());
        fields.forEach(field -> claimFree(aliases(articleNames, field), found));
        Map<String, AliasIndex.Entry> surnames = surnamesOfPeople(found);
        found.replaceAll(f -> resolveSurname(f, surnames));
        Map<String, AliasIndex.Entry> known = knownEntitiesByMention(found);
        found.replaceAll(f -> resolveByKnownMention(f, known));
        for (Field field : fields) {
            matchSurnames(surnames, field, found);
        }
        return aggregate(found);
    }

    /**
     * Where the recognizer stops: the end of the paragraph that crosses the limit, unless that
     * paragraph runs on past twice the limit (a page that is one huge paragraph): then the last
     * space before the limit.
     */
    private int recognizedPrefix(String text) {
        if (text.length() <= maxRecognizedChars) {
            return text.length();
        }
        int paragraphEnd = text.indexOf('\n', maxRecognizedChars);
        int end = paragraphEnd < 0 ? text.length() : paragraphEnd;
        if (end - maxRecognizedChars <= maxRecognizedChars) {
            return end;
        }
        int space = text.lastIndexOf(' ', maxRecognizedChars);
        return space > 0 ? space : maxRecognizedChars;
    }

    /** The recognizer's spans as whole tokens of the field. */
    private static List<Name> names(List<NamedEntityRecognizer.Span> spans, Field field) {
        List<Name> names = new ArrayList<>();
        List<TextTokens.Token> tokens = field.tokens();
        int k = 0;
        List<NamedEntityRecognizer.Span> inOrder = new ArrayList<>(spans);
        inOrder.sort(Comparator.comparingInt(NamedEntityRecognizer.Span::start));
        for (NamedEntityRecognizer.Span span : inOrder) {
            while (k < tokens.size() && tokens.get(k).end() <= span.start()) {
                k++;
            }
            int first = k;
            int last = -1;
            for (int j = k; j < tokens.size() && tokens.get(j).start() < span.end(); j++) {
                if (tokens.get(j).start() >= span.start() && tokens.get(j).end() <= span.end()) {
                    last = j;
                }
            }
            if (last >= first && tokens.get(first).start() >= span.start()) {
                names.add(new Name(field, first, last, span.start(), span.end(), key(tokens, first, last), span.type()));
            }
        }
        return names;
    }

    /** At each capitalised token, the longest alias of the index that starts there. */
    private static List<Alias> aliases(AliasIndex index, Field field) {
        List<Alias> aliases = new ArrayList<>();
        List<TextTokens.Token> tokens = field.tokens();
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            if (tokens.get(i).isCapitalised()) {
                int longest = Math.min(index.longestAliasFrom(tokens.get(i).text()), tokens.size() - i);
                for (int n = longest; n >= 1 && matched == 0; n--) {
                    String key = key(tokens, i, i + n - 1);
                    Optional<AliasIndex.Entry> entry = contiguous(field.source(), tokens, i, n)
                            ? index.lookup(key) : Optional.empty();
                    if (entry.isPresent()) {
                        int start = tokens.get(i).start();
                        int end = abbreviationEnd(field.source(), tokens, i, n);
                        aliases.add(new Alias(new Name(field, i, i + n - 1, start, end, key, entry.get().type()),
                                entry.get()));
                        matched = n;
                    }
                }
            }
            i += Math.max(matched, 1);
        }
        return aliases;
    }

    /** Each alias whose tokens no other name has taken is a mention of its entity. */
    private static void claimFree(List<Alias> aliases, List<Found> found) {
        for (Alias alias : aliases) {
            Name name = alias.name();
            if (name.field().free(name.first(), name.last())) {
                claim(name, alias.entry(), found);
            }
        }
    }

    private static String key(List<TextTokens.Token> tokens, int first, int last) {
        List<String> words = new ArrayList<>(last - first + 1);
        for (int k = first; k <= last; k++) {
            words.add(tokens.get(k).text());
        }
        return TextTokens.join(words);
    }

    /**
     * The recognizer reads each mention in its sentence and may type one name two ways; the article
     * means one thing by it. Most mentions decide, counting only those inside a sentence when there
     * are any: at a sentence's start the capital tells the model nothing, and it reads names there
     * worst. On a tie, the knowledge base's type if it is one of the tied, else the first mention's.
     */
    private static Map<String, EntityType> typesOverAllMentions(List<Name> recognized, AliasIndex index) {
        Map<String, Map<EntityType, Integer>> inside = new LinkedHashMap<>();
        Map<String, Map<EntityType, Integer>> all = new LinkedHashMap<>();
        for (Name name : recognized) {
            all.computeIfAbsent(name.key(), k -> new EnumMap<>(EntityType.class)).merge(name.type(), 1, Integer::sum);
            if (!startsSentence(name)) {
                inside.computeIfAbsent(name.key(), k -> new EnumMap<>(EntityType.class))
                        .merge(name.type(), 1, Integer::sum);
            }
        }
        Map<String, EntityType> types = new HashMap<>();
        for (Name name : recognized) {
            if (!types.containsKey(name.key())) {
                Map<EntityType, Integer> votes = inside.getOrDefault(name.key(), all.get(name.key()));
                int most = votes.values().stream().max(Integer::compare).orElseThrow();
                Optional<EntityType> known = index.lookup(name.key()).map(AliasIndex.Entry::type);
                EntityType type = known.isPresent() && votes.getOrDefault(known.get(), 0) == most ? known.get()
                        : votes.getOrDefault(name.type(), 0) == most ? name.type()
                        : votes.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
                types.put(name.key(), type);
            }
        }
        return types;
    }

    /** Whether only white space, quotes or brackets stand between the name and a line break or a sentence stop. */
    private static boolean startsSentence(Name name) {
        String source = name.field().source();
        for (int i = name.start() - 1; i >= 0; i--) {
            char c = source.charAt(i);
            if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':') {
                return true;
            }
            if (!(Character.isWhitespace(c) || c == '"' || c == '“' || c == '‘' || c == '\'' || c == '(' || c == '[')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The knowledge-base entity a recognized name is, if it is one: the types agree, or the model
     * never saw the name's words and its type was a guess ("Kyiv", "Zelenskyy's", "ROME").
     */
    private static Optional<AliasIndex.Entry> link(Name name, EntityType type, AliasIndex index,
                                                   NamedEntityRecognizer recognizer) {
        return index.lookup(name.key()).filter(known -> compatible(known.type(), type)
                || !recognizer.knowsAnyWordOf(name.key()));
    }

    private static AliasIndex.Entry newEntity(Name name, EntityType type) {
        return new AliasIndex.Entry(NEW_ENTITY + type.name().toLowerCase(Locale.ROOT) + ":"
                + name.key().toLowerCase(Locale.ROOT), name.key(), type);
    }

    private static void claim(Name name, AliasIndex.Entry entry, List<Found> found) {
        Field field = name.field();
        field.claim(name.first(), name.last());
        Mention mention = new Mention(field.source().substring(name.start(), name.end()), name.start(), name.end(),
                field.inTitle());
        found.add(new Found(entry, mention, weight(field, name.start())));
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

    /**
     * A one-word mention that is the surname of a person named in full is that person, whatever
     * type it was given ("the Trump administration"); another person of the same surname stays.
     */
    private static Found resolveSurname(Found f, Map<String, AliasIndex.Entry> surnames) {
        if (f.entry().type() == EntityType.PERSON) {
            return f;
        }
        List<String> words = TextTokens.words(f.mention().getText());
        AliasIndex.Entry person = words.size() == 1 ? surnames.get(words.get(0)) : null;
        return person == null ? f : new Found(person, f.mention(), f.weight());
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
