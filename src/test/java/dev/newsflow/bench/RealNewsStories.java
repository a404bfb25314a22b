package dev.newsflow.bench;

import dev.newsflow.testing.SyntheticPages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stories made of real news text, for a load run whose entity tagging costs what real articles cost:
 * page n carries the text of article n mod N of the Zyte corpus with its words that are not
 * capitalised (lower-case, or of a script without case) shuffled among themselves. Capitalised words,
 * numbers and punctuation stay where they are, so the recognizer reads the same sentences and words as
 * in the real article (and the same language); the shuffle makes every page a different story to the
 * deduplicator.
 */
final class RealNewsStories implements SyntheticPages.Story {
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final List<List<String>> articles;

    private RealNewsStories(List<List<String>> articles) {
        this.articles = articles;
    }

    static RealNewsStories of(List<String> texts) {
        List<List<String>> articles = new ArrayList<>();
        for (String text : texts) {
            List<String> paragraphs = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (!paragraphs.isEmpty()) {
                articles.add(paragraphs);
            }
        }
        return new RealNewsStories(articles);
    }

    @Override
    public List<String> paragraphs(long n, Random random) {
        List<String> paragraphs = articles.get((int) (n % articles.size()));
        List<String> uncapitalised = new ArrayList<>();
        for (String paragraph : paragraphs) {
            Matcher m = WORD.matcher(paragraph);
            while (m.find()) {
                if (!Character.isUpperCase(m.group().charAt(0))) {
                    uncapitalised.add(m.group());
                }
            }
        }
        Collections.shuffle(uncapitalised, random);
        List<String> shuffled = new ArrayList<>(paragraphs.size());
        int next = 0;
        for (String paragraph : paragraphs) {
            StringBuilder out = new StringBuilder(paragraph.length());
            Matcher m = WORD.matcher(paragraph);
            int last = 0;
            while (m.find()) {
                out.append(paragraph, last, m.start());
                out.append(!Character.isUpperCase(m.group().charAt(0)) ? uncapitalised.get(next++) : m.group());
                last = m.end();
            }
            shuffled.add(out.append(paragraph, last, paragraph.length()).toString());
        }
        return shuffled;
    }
}
