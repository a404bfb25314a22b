package dev.newsflow.entities;

import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.KnowledgeEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alias → entity lookup over token sequences. Acronyms ("US", "NATO") match only as written, so
 * that "us" never becomes the United States; other aliases match case-insensitively (a dateline's
 * "ROME" too) but the tagger only tries spans that start with a capital. A title or article at the
 * start of an alias ("President Biden", "the Kremlin") is not part of the name, as news annotation
 * has it: the alias is indexed without it.
 */
public final class AliasIndex {
    /** One knowledge-base entity as the tagger needs it. */
    public record Entry(String id, String name, EntityType type) {
    }

    /** Words that open an alias without belonging to the name. */
    private static final Set<String> LEADING_TITLES = Set.of("the", "president", "vice",
            "prime", "minister", "chancellor", "king", "queen", "prince", "princess", "pope", "sir", "dame", "mr",
            "mrs", "ms", "dr", "senator", "sen", "governor", "gov", "general", "gen", "secretary", "chairman",
            "premier", "sheikh", "emir", "ayatollah");
    /** All-caps words shorter than this are taken for acronyms; longer ones are names set in capitals. */
    private static final int SHOUTED_NAME_LETTERS = 4;

    private final Map<String, Entry> exact;
    private final Map<String, Entry> folded;
    /** Lower-cased first word → the most words of an alias starting with it. */
    private final Map<String, Integer> longestByFirstWord;

    private AliasIndex(Map<String, Entry> exact, Map<String, Entry> folded, Map<String, Integer> longestByFirstWord) {
        this.exact = exact;
        this.folded = folded;
        this.longestByFirstWord = longestByFirstWord;
    }

    /** An index of names alone (no aliases), such as the names found in one article. */
    public static AliasIndex ofEntries(Collection<Entry> entries) {
        return of(entries.stream().map(e -> new KnowledgeEntity(e.id(), e.name(), e.type(), List.of())).toList());
    }

    public static AliasIndex of(Collection<KnowledgeEntity> entities) {
        Map<String, Entry> exact = new HashMap<>();
        Map<String, Entry> folded = new HashMap<>();
        Map<String, Integer> longestByFirstWord = new HashMap<>();
        for (KnowledgeEntity e : entities) {
            Entry entry = new Entry(e.getId(), e.getName(), e.getType());
            List<String> names = aliasesOf(e);
            for (int a = 0; a < names.size(); a++) {
                String alias = names.get(a);
                List<String> words = withoutLeadingTitles(TextTokens.words(alias), a > 0);
                if (words.isEmpty()) {
                    continue;
                }
                String key = TextTokens.join(words);
                longestByFirstWord.merge(words.get(0).toLowerCase(Locale.ROOT), words.size(), Math::max);
                if (isAcronym(alias)) {
                    exact.putIfAbsent(key, entry);
                } else {
                    folded.putIfAbsent(key.toLowerCase(Locale.ROOT), entry);
                }
            }
        }
        return new AliasIndex(Map.copyOf(exact), Map.copyOf(folded), Map.copyOf(longestByFirstWord));
    }

    private static List<String> withoutLeadingTitles(List<String> words, boolean isAlias) {
        int from = 0;
        while (isAlias && from + 1 < words.size() && LEADING_TITLES.contains(words.get(from).toLowerCase(Locale.ROOT))) {
            from++;
        }
        return words.subList(from, words.size());
    }

    private static List<String> aliasesOf(KnowledgeEntity e) {
        List<String> all = new ArrayList<>(e.getAliases());
        all.add(0, e.getName());
        return all;
    }

    /** The most words of an alias that starts with this word (0: none does), so that longer spans need no look-up. */
    public int longestAliasFrom(String firstWord) {
        return longestByFirstWord.getOrDefault(firstWord.toLowerCase(Locale.ROOT), 0);
    }

    public Optional<Entry> lookup(String joinedTokens) {
        Entry hit = exact.get(joinedTokens);
        if (hit != null) {
            return Optional.of(hit);
        }
        if (isAcronym(joinedTokens) && !isShoutedName(joinedTokens)) {
            return Optional.empty();
        }
        return Optional.ofNullable(folded.get(joinedTokens.toLowerCase(Locale.ROOT)));
    }

    /** One all-caps word long enough not to be an acronym that is also a word: "ROME", "CAIRO", not "US", "MAY". */
    private static boolean isShoutedName(String joinedTokens) {
        return joinedTokens.indexOf(' ') < 0 && joinedTokens.length() >= SHOUTED_NAME_LETTERS
                && joinedTokens.chars().allMatch(Character::isLetter);
    }

    /** Five letters or fewer, all upper case; other characters do not count. */
    static boolean isAcronym(String s) {
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                if (++letters > 5 || Character.isLowerCase(c) || Character.toUpperCase(c) != c) {
                    return false;
                }
            }
        }
        return letters > 0;
    }
}
