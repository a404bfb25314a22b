package dev.newsflow.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits article text into sentences of tokens the way the CoNLL-2003 news the recognizer was
 * trained on is tokenized: punctuation apart, hyphenated words whole ("Jean-Claude"), "'s" and
 * "n't" apart, dots kept in initials, abbreviations and numbers ("J.", "Mr.", "U.S.", "3.5").
 * A sentence ends at a line break (datelines, bylines, table rows, headings) and after . ! ? when
 * the next word does not start in lower case, except after a title or an initial ("Mr. Smith",
 * "J. R. Miller"). Each token keeps its characters' offsets in the text; its word is what the
 * model reads (typographic quotes and dashes as CoNLL writes them).
 */
final class NewsTokenizer {
    /** A token: the word the model reads and the characters [start, end) of the text it stands for. */
    record Token(String word, int start, int end) {
    }

    /** Words that take a dot and do not end a sentence with it: titles and short forms before names or numbers. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep",
            "gov", "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "pres", "rev", "hon", "st", "ste",
            "mt", "ft", "jr", "sr", "messrs", "mme", "mlle", "no", "nos", "vs", "v", "etc", "approx", "dept", "univ",
            "inc", "corp", "co", "ltd", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "ave", "blvd", "rd", "fig", "vol", "op", "pp", "al");
    /** Titles after which a dot never ends the sentence: a name follows. */
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt",
            "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "pres", "rev", "hon", "st", "mt", "messrs", "mme",
            "mlle", "no", "vs", "v");

    private NewsTokenizer() {
    }

    static List<List<Token>> sentences(String text) {
        int to = text.length();
        List<List<Token>> sentences = new ArrayList<>();
        List<Token> sentence = new ArrayList<>();
        int i = 0;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                i++;
                sentence = endSentence(sentence, sentences);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                i++;
            } else if (isWordChar(c)) {
                i = word(text, i, to, sentence);
                Token last = sentence.get(sentence.size() - 1);
                if (last.word().endsWith(".") && last.word().length() > 1 && endsSentenceAfter(text, last, to)) {
                    sentence = endSentence(sentence, sentences);
                }
            } else {
                int end = i + 1;
                while (end < to && text.charAt(end) == c && (c == '.' || c == '-' || c == '*' || c == '=')) {
                    end++;
                }
                sentence.add(new Token(punctuation(text.substring(i, end)), i, end));
                i = end;
                if ((c == '.' || c == '!' || c == '?' || c == '…') && endsSentenceAt(text, i, to, sentence)) {
                    sentence = endSentence(sentence, sentences);
                }
            }
        }
        endSentence(sentence, sentences);
        return sentences;
    }

    private static List<Token> endSentence(List<Token> sentence, List<List<Token>> sentences) {
        if (sentence.isEmpty()) {
            return sentence;
        }
        sentences.add(sentence);
        return new ArrayList<>();
    }

    /** Reads the word starting at i (letters, digits and the joiners inside them) and returns where it ends. */
    private static int word(String text, int i, int to, List<Token> sentence) {
        int start = i;
        int dots = 0;
        while (i < to) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                i++;
                continue;
            }
            boolean next = i + 1 < to && isWordChar(text.charAt(i + 1));
            if ((c == '-' || c == '‐' || c == '&') && next) {
                i++;
            } else if (isApostrophe(c) && next) {
                if (isClitic(text, i + 1, to) || isNegation(text, start, i, to)) {
                    break;
                }
                i++;
            } else if (c == '.' && next) {
                dots++;
                i++;
            } else if ((c == ',' || c == ':' || c == '/') && next && Character.isDigit(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        // "n't" is a token of its own, as "'s" is
        if (i < to && isNegation(text, start, i, to)) {
            if (i - 1 > start) {
                sentence.add(new Token(text.substring(start, i - 1), start, i - 1));
            }
            sentence.add(new Token("n't", i - 1, i + 2));
            return i + 2;
        }
        if (i < to && isApostrophe(text.charAt(i)) && isClitic(text, i + 1, to)) {
            sentence.add(new Token(text.substring(start, i), start, i));
            int end = i + 2;
            sentence.add(new Token("'" + text.charAt(i + 1), i, end));
            return end;
        }
        String w = text.substring(start, i);
        if (i < to && text.charAt(i) == '.' && takesDot(w, dots)) {
            i++;
            w = w + ".";
        }
        sentence.add(new Token(w, start, i));
        return i;
    }

    /** 's, 'd, 'm: a clitic ending the word, not part of a name like O'Brien. */
    private static boolean isClitic(String text, int i, int to) {
        char c = text.charAt(i);
        return (c == 's' || c == 'S' || c == 'd' || c == 'm') && (i + 1 >= to || !isWordChar(text.charAt(i + 1)));
    }

    /** The apostrophe at i is the one of "n't" closing the word that started at start. */
    private static boolean isNegation(String text, int start, int i, int to) {
        return i - start >= 1 && (text.charAt(i - 1) == 'n' || text.charAt(i - 1) == 'N') && isApostrophe(text.charAt(i))
                && i + 1 < to && (text.charAt(i + 1) == 't' || text.charAt(i + 1) == 'T')
                && (i + 2 >= to || !isWordChar(text.charAt(i + 2)));
    }

    /** Initials ("J."), dotted abbreviations ("U.S."), known short forms ("Mr.", "Inc."). */
    private static boolean takesDot(String word, int innerDots) {
        if (innerDots > 0 && word.length() <= 2 * innerDots + 2) {
            return true;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return Character.isUpperCase(word.charAt(0));
        }
        return ABBREVIATIONS.contains(lower(word));
    }

    /** After a word that took a dot: the sentence ends unless it was a title or an initial, or lower case follows. */
    private static boolean endsSentenceAfter(String text, Token token, int to) {
        String bare = token.word().substring(0, token.word().length() - 1);
        if (TITLES.contains(lower(bare)) || (bare.length() == 1 && Character.isUpperCase(bare.charAt(0)))) {
            return false;
        }
        if (bare.indexOf('.') >= 0 && followedByCapitalisedWord(text, token.end(), to)) {
            // "U.S. officials" reads on; a new sentence rarely starts right after one without a function word
            return false;
        }
        return !ABBREVIATIONS.contains(lower(bare)) && startsSentence(text, token.end(), to);
    }

    private static boolean followedByCapitalisedWord(String text, int i, int to) {
        int j = i;
        while (j < to && text.charAt(j) == ' ') {
            j++;
        }
        return j > i && j < to && Character.isUpperCase(text.charAt(j));
    }

    /** A stop ends the sentence when white space follows, then anything but a lower-case word. */
    private static boolean endsSentenceAt(String text, int i, int to, List<Token> sentence) {
        // closing quotes and brackets belong to the sentence they close
        while (i < to && isCloser(text.charAt(i))) {
            sentence.add(new Token(punctuation(String.valueOf(text.charAt(i))), i, i + 1));
            i++;
        }
        return i >= to || (Character.isWhitespace(text.charAt(i)) && startsSentence(text, i, to));
    }

    private static boolean startsSentence(String text, int i, int to) {
        while (i < to && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\n') {
            i++;
        }
        return i >= to || !Character.isLowerCase(text.charAt(i));
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' || c == ']' || c == '»';
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** Typographic quotes and dashes as the CoNLL-2003 text writes them. */
    private static String punctuation(String p) {
        return switch (p) {
            case "“", "”", "„", "«", "»", "″" -> "\"";
            case "‘", "’", "‚", "′" -> "'";
            case "–", "‒", "−" -> "-";
            case "—", "―" -> "--";
            default -> p;
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
