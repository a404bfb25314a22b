package dev.newsflow.entities;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds knowledge-base entities in an article: longest alias match over capitalised token spans,
 * then surnames alone ("Lavrov") for people named in full elsewhere in the same article. Mentions
 * are aggregated per canonical entity with a salience that favours the title and the lead.
 */
public final class EntityTagger {
    private static final double TITLE_WEIGHT = 3;
    private static final double LEAD_WEIGHT = 2;

    private final KnowledgeBase knowledgeBase;

    public EntityTagger(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    private record Found(AliasIndex.Entry entry, Mention mention, double weight) {
    }

    public List<Entity> tag(String title, String text) {
        AliasIndex index = knowledgeBase.index();
        int leadEnd = text.indexOf("\n\n") < 0 ? text.length() : text.indexOf("\n\n");
        List<TextTokens.Token> titleTokens = TextTokens.tokenize(title);
        List<TextTokens.Token> textTokens = TextTokens.tokenize(text);

        List<Found> found = new ArrayList<>();
        boolean[] titleUsed = new boolean[titleTokens.size()];
        boolean[] textUsed = new boolean[textTokens.size()];
        matchAliases(index, title, titleTokens, titleUsed, true, 0, found);
        matchAliases(index, text, textTokens, textUsed, false, leadEnd, found);

        Map<String, AliasIndex.Entry> surnames = new HashMap<>();
        for (Found f : found) {
            if (f.entry().type() == EntityType.PERSON) {
                List<String> nameWords = TextTokens.words(f.entry().name());
                if (nameWords.size() > 1) {
                    surnames.putIfAbsent(nameWords.get(nameWords.size() - 1), f.entry());
                    List<String> mentionWords = TextTokens.words(f.mention().getText());
                    surnames.putIfAbsent(mentionWords.get(mentionWords.size() - 1), f.entry());
                }
            }
        }
        matchSurnames(surnames, titleTokens, titleUsed, true, 0, found);
        matchSurnames(surnames, textTokens, textUsed, false, leadEnd, found);
        return aggregate(found);
    }

    private static void matchAliases(AliasIndex index, String source, List<TextTokens.Token> tokens, boolean[] used,
                                     boolean inTitle, int leadEnd, List<Found> found) {
        int i = 0;
        while (i < tokens.size()) {
            if (!tokens.get(i).isCapitalised()) {
                i++;
                continue;
            }
            int matched = 0;
            for (int n = Math.min(index.maxTokens(), tokens.size() - i); n >= 1 && matched == 0; n--) {
                if (!contiguous(source, tokens, i, n)) {
                    continue;
                }
                List<String> words = new ArrayList<>(n);
                for (int k = i; k < i + n; k++) {
                    words.add(tokens.get(k).text());
                }
                var hit = index.lookup(TextTokens.join(words));
                if (hit.isPresent()) {
                    TextTokens.Token first = tokens.get(i);
                    TextTokens.Token last = tokens.get(i + n - 1);
                    Mention mention = new Mention(source.substring(first.start(), last.end()), first.start(), last.end(), inTitle);
                    found.add(new Found(hit.get(), mention, weight(inTitle, first.start(), leadEnd)));
                    for (int k = i; k < i + n; k++) {
                        used[k] = true;
                    }
                    matched = n;
                }
            }
            i += Math.max(matched, 1);
        }
    }

    private static void matchSurnames(Map<String, AliasIndex.Entry> surnames, List<TextTokens.Token> tokens,
                                      boolean[] used, boolean inTitle, int leadEnd, List<Found> found) {
        for (int i = 0; i < tokens.size(); i++) {
            TextTokens.Token t = tokens.get(i);
            AliasIndex.Entry person = surnames.get(t.text());
            if (!used[i] && t.isCapitalised() && person != null) {
                found.add(new Found(person, new Mention(t.text(), t.start(), t.end(), inTitle),
                        weight(inTitle, t.start(), leadEnd)));
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

    private static double weight(boolean inTitle, int offset, int leadEnd) {
        return inTitle ? TITLE_WEIGHT : offset < leadEnd ? LEAD_WEIGHT : 1;
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
                    .setKbId(entry.id())
                    .setCount(mentions.size())
                    .setSalience(total == 0 ? 0 : Math.round(weight / total * 1e4) / 1e4)
                    .setMentions(sorted)
                    .build());
        }
        entities.sort(Comparator.comparingDouble(Entity::getSalience).reversed().thenComparing(Entity::getName));
        return entities;
    }
}
