package dev.newsflow.bench;

import dev.newsflow.testing.SyntheticPages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
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

    /** An article's paragraphs, and its words that pages shuffle, in reading order. */
    private record Article(List<String> paragraphs, List<String> shuffledWords) {
    }

    private final List<Article> articles;

    private RealNewsStories(List<Article> articles) {
        this.articles = articles;
    }

    /** The stories of an extraction benchmark's articles (its expected texts), as the load runs use them. */
    static RealNewsStories fromExtractionBenchmark(Path dir) throws IOException {
        return of(ExtractionCorpus.load(dir).stream().map(ExtractionCorpus.Page::expected).toList());
    }

    static RealNewsStories of(List<String> texts) {
        List<Article> articles = new ArrayList<>();
        for (String text : texts) {
            List<String> paragraphs = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            List<String> words = new ArrayList<>();
            for (String paragraph : paragraphs) {
                WORD.matcher(paragraph).results().map(MatchResult::group).filter(RealNewsStories::isShuffled)
                        .forEach(words::add);
            }
            if (!paragraphs.isEmpty()) {
                articles.add(new Article(paragraphs, List.copyOf(words)));
            }
        }
        return new RealNewsStories(articles);
    }

    /** Uncapitalised: lower-case, or of a script without case. */
    private static boolean isShuffled(String word) {
        return !Character.isUpperCase(word.charAt(0));
    }

    @Override
    public List<String> paragraphs(long n, Random random) {
        Article article = articles.get((int) (n % articles.size()));
        List<String> words = new ArrayList<>(article.shuffledWords());
        Collections.shuffle(words, random);
        List<String> shuffled = new ArrayList<>(article.paragraphs().size());
        int next = 0;
        for (String paragraph : article.paragraphs()) {
            StringBuilder out = new StringBuilder(paragraph.length());
            Matcher m = WORD.matcher(paragraph);
            int last = 0;
            while (m.find()) {
                out.append(paragraph, last, m.start());
                out.append(isShuffled(m.group()) ? words.get(next++) : m.group());
                last = m.end();
            }
            shuffled.add(out.append(paragraph, last, paragraph.length()).toString());
        }
        return shuffled;
    }
}
