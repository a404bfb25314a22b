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

/**
 * Alias → entity lookup over token sequences. Acronyms ("US", "NATO") match only as written, so
 * that "us" never becomes the United States; other aliases match case-insensitively but the
 * tagger only tries spans that start with a capital.
 */
public final class AliasIndex {
    /** One knowledge-base entity as the tagger needs it. */
    public record Entry(String id, String name, EntityType type) {
    }

    private final Map<String, Entry> exact;
    private final Map<String, Entry> folded;
    private final int maxTokens;

    private AliasIndex(Map<String, Entry> exact, Map<String, Entry> folded, int maxTokens) {
        this.exact = exact;
        this.folded = folded;
        this.maxTokens = maxTokens;
    }

    /** An index of names alone (no aliases), such as the names found in one article. */
    public static AliasIndex ofEntries(Collection<Entry> entries) {
        return of(entries.stream().map(e -> new KnowledgeEntity(e.id(), e.name(), e.type(), List.of())).toList());
    }

    public static AliasIndex of(Collection<KnowledgeEntity> entities) {
        Map<String, Entry> exact = new HashMap<>();
        Map<String, Entry> folded = new HashMap<>();
        int maxTokens = 1;
        for (KnowledgeEntity e : entities) {
            Entry entry = new Entry(e.getId(), e.getName(), e.getType());
            for (String alias : aliasesOf(e)) {
                String key = TextTokens.join(TextTokens.words(alias));
                if (key.isEmpty()) {
                    continue;
                }
                maxTokens = Math.max(maxTokens, TextTokens.words(alias).size());
                if (isAcronym(alias)) {
                    exact.putIfAbsent(key, entry);
                } else {
                    folded.putIfAbsent(key.toLowerCase(Locale.ROOT), entry);
                }
            }
        }
        return new AliasIndex(Map.copyOf(exact), Map.copyOf(folded), maxTokens);
    }

    private static List<String> aliasesOf(KnowledgeEntity e) {
        List<String> all = new ArrayList<>(e.getAliases());
        all.add(0, e.getName());
        return all;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public Optional<Entry> lookup(String joinedTokens) {
        Entry hit = exact.get(joinedTokens);
        if (hit != null) {
            return Optional.of(hit);
        }
        if (isAcronym(joinedTokens)) {
            return Optional.empty();
        }
        return Optional.ofNullable(folded.get(joinedTokens.toLowerCase(Locale.ROOT)));
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
