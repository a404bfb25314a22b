package dev.newsflow.entities;

import java.util.ArrayList;
import java.util.List;

/** Word tokens with their character offsets; apostrophes and hyphens inside a word stay in it. */
final class TextTokens {
    record Token(String text, int start, int end) {
        boolean isCapitalised() {
            return Character.isUpperCase(text.charAt(0));
        }
    }

    private TextTokens() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i))
                    || (isJoiner(text.charAt(i)) && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))))) {
                i++;
            }
            String word = text.substring(start, i);
            // possessive 's belongs to the name's sentence, not to the name
            if (word.endsWith("'s") || word.endsWith("’s")) {
                word = word.substring(0, word.length() - 2);
            }
            tokens.add(new Token(word, start, start + word.length()));
        }
        return tokens;
    }

    static List<String> words(String text) {
        return tokenize(text).stream().map(Token::text).toList();
    }

    static String join(List<String> words) {
        return String.join(" ", words);
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '’' || c == '-';
    }
}
