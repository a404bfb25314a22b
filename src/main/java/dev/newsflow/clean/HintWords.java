package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.List;

/**
 * Words looked for in lower-cased class and id attributes: {@code word} anywhere in them,
 * {@code =word} only as a whole token (between start, end, '-', '_' or ' '), and {@code a-?b}
 * as either "ab" or "a-b". Plain substring search is several times faster than the equivalent
 * regular expression, and it runs on every element of every page.
 */
final class HintWords {
    private final List<String> anywhere = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    HintWords(String... words) {
        for (String word : words) {
            List<String> target = word.startsWith("=") ? tokens : anywhere;
            String w = word.startsWith("=") ? word.substring(1) : word;
            if (w.contains("-?")) {
                target.add(w.replace("-?", ""));
                target.add(w.replace("-?", "-"));
            } else {
                target.add(w);
            }
        }
    }

    boolean foundIn(String lowerHints) {
        for (String word : anywhere) {
            if (lowerHints.contains(word)) {
                return true;
            }
        }
        for (String token : tokens) {
            for (int i = lowerHints.indexOf(token); i >= 0; i = lowerHints.indexOf(token, i + 1)) {
                int end = i + token.length();
                if ((i == 0 || isSeparator(lowerHints.charAt(i - 1)))
                        && (end == lowerHints.length() || isSeparator(lowerHints.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == ' ';
    }
}
