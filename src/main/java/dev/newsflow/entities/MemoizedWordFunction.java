package dev.newsflow.entities;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CoreNLP's word function (for this model Americanize: "colour" is read as "color") with its answers
 * kept. The feature extractor applies it each time it reads a word: for every name, up to 300 times
 * while it looks for the name's other occurrences, and each call of Americanize runs a regex. That was
 * 6% of tagging time. The answers are bounded: the memo is emptied when it is full.
 *
 * <p>The extractor asks about the same few hundred string objects (the words of the sentence at
 * hand) over and over, so a small table keyed by the object's identity answers first: it costs a
 * fraction of a hash-map look-up, which must hash and compare the characters. Its slots are written
 * without locks: an entry is immutable, and a slot overwritten by another thread is only a miss.
 */
final class MemoizedWordFunction implements Function<String, String> {
    static final int MAX_WORDS = 100_000;

    private static final int RECENT = 4096;

    private final Function<String, String> function;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Recent[] recent = new Recent[RECENT];

    private record Recent(String word, String answer) {
    }

    MemoizedWordFunction(Function<String, String> function) {
        this.function = function;
    }

    @Override
    public String apply(String word) {
        if (word == null) {
            return function.apply(null);
        }
        int slot = System.identityHashCode(word) & (RECENT - 1);
        Recent seen = recent[slot];
        if (seen != null && seen.word == word) {
            return seen.answer;
        }
        String answer = answers.get(word);
        if (answer == null) {
            answer = function.apply(word);
            if (answer != null) {
                if (answers.size() >= MAX_WORDS) {
                    answers.clear();
                }
                answers.put(word, answer);
            }
        }
        recent[slot] = new Recent(word, answer);
        return answer;
    }

    int size() {
        return answers.size();
    }
}
